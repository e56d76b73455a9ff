package io.groupguard.rules;

import static io.groupguard.rules.ConfigProblems.element;
import static io.groupguard.rules.ConfigProblems.number;

import io.groupguard.avro.ModerationRule;
import java.util.List;
import java.util.Objects;

/**
 * Decides whether a new version of a moderation rule may replace the one in force. Pure: the caller supplies the
 * version in force and the creator's rule count from its state stores, and publishes the problems as rejections.
 */
public final class RuleValidator {
    /** Names are shown to members and operators in one line. */
    static final int MAX_NAME_LENGTH = 128;
    /** Room for a two-language explanation while staying a notification, not an essay. */
    static final int MAX_MEMBER_REASON_LENGTH = 300;

    private final RuleLimits limits;
    private final RuleWordChecks words;
    private final RuleBehaviourChecks behaviour = new RuleBehaviourChecks();

    public RuleValidator(RuleLimits limits) {
        this.limits = Objects.requireNonNull(limits, "limits");
        this.words = new RuleWordChecks(limits);
    }

    /**
     * Problems with the candidate; an empty list means it is valid. Every problem found is reported, not only the
     * first; past 50, a last problem with field {@code "*"} counts the unlisted ones.
     *
     * @param key            the record key, {@code <tenantId>/<ruleId>}
     * @param candidate      the new version of the rule (not a tombstone)
     * @param current        the last valid version in force, or null when the rule is new
     * @param rulesOfCreator how many other rules (not this rule id) the candidate's creator already has in force
     *                       in this tenant
     */
    public List<ConfigProblem> validate(String key, ModerationRule candidate, ModerationRule current,
            int rulesOfCreator) {
        Objects.requireNonNull(candidate, "candidate: tombstones delete and need no validation");
        ConfigProblems problems = new ConfigProblems();
        checkIdentity(key, candidate, problems);
        checkVersion(candidate, current, problems);
        checkScope(candidate, problems);
        words.checkKeywords(orEmpty(candidate.getKeywords()), problems);
        words.checkAllowWords(orEmpty(candidate.getAllowWords()), problems);
        words.checkRegexes(orEmpty(candidate.getRegexes()), problems);
        checkWhitelists(candidate, problems);
        behaviour.checkSenderRestrictions(orEmpty(candidate.getSenderRestrictions()), problems);
        behaviour.checkRateLimit(candidate.getRateLimit(), problems);
        behaviour.checkDuplicateLimit(candidate.getDuplicateLimit(), problems);
        behaviour.checkFloodLimit(candidate.getFloodLimit(), problems);
        behaviour.checkPenalty(candidate.getPenalty(), problems);
        checkMemberReason(candidate.getMemberReason(), problems);
        checkChecksSomething(candidate, problems);
        checkCreatorQuota(candidate, rulesOfCreator, problems);
        return problems.toList();
    }

    private static void checkIdentity(String key, ModerationRule rule, ConfigProblems problems) {
        problems.checkKeyPart("tenantId", rule.getTenantId());
        problems.checkKeyPart("ruleId", rule.getRuleId());
        problems.checkId("creatorId", rule.getCreatorId());
        problems.checkText("name", rule.getName(), MAX_NAME_LENGTH);
        String expectedKey = rule.getTenantId() + "/" + rule.getRuleId();
        if (!expectedKey.equals(key)) {
            problems.add("key", "key '" + key + "' does not match the value's '<tenantId>/<ruleId>', '"
                    + expectedKey + "'");
        }
    }

    private static void checkVersion(ModerationRule candidate, ModerationRule current, ConfigProblems problems) {
        if (candidate.getVersion() < 1) {
            problems.add("version", "is " + candidate.getVersion() + ", versions start at 1");
        } else if (current != null && candidate.getVersion() <= current.getVersion()) {
            problems.add("version", "is " + candidate.getVersion() + " but version " + current.getVersion()
                    + " is in force; a new version must be greater (an older or equal version is a replay)");
        }
    }

    private void checkScope(ModerationRule rule, ConfigProblems problems) {
        if (rule.getAllGroups()) {
            return; // groupIds is ignored
        }
        List<String> groupIds = orEmpty(rule.getGroupIds());
        if (groupIds.isEmpty()) {
            problems.add("groupIds", "is empty and allGroups is false, so the rule would apply nowhere; "
                    + "list groups or set allGroups");
        }
        problems.checkCount("groupIds", groupIds, limits.maxGroups(), "groups");
        problems.checkIds("groupIds", groupIds);
    }

    private void checkWhitelists(ModerationRule rule, ConfigProblems problems) {
        List<String> links = rule.getLinkWhitelist();
        if (links != null) {
            problems.checkCount("linkWhitelist", links, limits.maxLinkWhitelist(), "link whitelist entries");
            for (int i = 0; i < links.size(); i++) {
                String field = element("linkWhitelist", i);
                RuleLinkWhitelistEntry.problemWith(links.get(i)).ifPresent(reason -> problems.add(field, reason));
            }
        }
        List<String> miniPrograms = rule.getMiniProgramWhitelist();
        if (miniPrograms != null) {
            problems.checkCount("miniProgramWhitelist", miniPrograms, limits.maxMiniProgramWhitelist(),
                    "mini-program whitelist entries");
            problems.checkIds("miniProgramWhitelist", miniPrograms);
        }
        List<String> exempt = orEmpty(rule.getExemptMembers());
        problems.checkCount("exemptMembers", exempt, limits.maxExemptMembers(), "exempt members");
        problems.checkIds("exemptMembers", exempt);
    }

    private static void checkMemberReason(String memberReason, ConfigProblems problems) {
        if (memberReason != null) {
            problems.checkText("memberReason", memberReason, MAX_MEMBER_REASON_LENGTH);
        }
    }

    /** A rule that can never fire is almost certainly a mistake (e.g. keywords lost by a broken export). */
    private static void checkChecksSomething(ModerationRule rule, ConfigProblems problems) {
        boolean checksSomething = !orEmpty(rule.getKeywords()).isEmpty()
                || !orEmpty(rule.getRegexes()).isEmpty()
                || rule.getLinkWhitelist() != null
                || rule.getMiniProgramWhitelist() != null
                || !orEmpty(rule.getSenderRestrictions()).isEmpty()
                || rule.getRateLimit() != null
                || rule.getDuplicateLimit() != null
                || rule.getFloodLimit() != null;
        if (!checksSomething) {
            problems.add("rule", "rule checks nothing: give it keywords, regexes, a link or mini-program "
                    + "whitelist, sender restrictions, or a rate, duplicate or flood limit");
        }
    }

    private void checkCreatorQuota(ModerationRule rule, int rulesOfCreator, ConfigProblems problems) {
        if (rulesOfCreator >= limits.maxRulesPerCreator()) {
            problems.add("creatorId", "creator '" + rule.getCreatorId() + "' already has " + number(rulesOfCreator)
                    + " rules in force in tenant '" + rule.getTenantId() + "', the limit is "
                    + number(limits.maxRulesPerCreator()) + " rules per creator");
        }
    }

    private static <T> List<T> orEmpty(List<T> values) {
        return values == null ? List.of() : values;
    }
}
