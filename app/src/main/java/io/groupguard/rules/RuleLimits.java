package io.groupguard.rules;

import java.time.Duration;

/**
 * The size limits and quotas a rule must respect. {@link #defaults()} are the figures of the product GroupGuard is
 * modelled on; operators may lower or raise them.
 *
 * @param maxKeywords             keywords per rule
 * @param maxKeywordLength        code points per keyword, after stripping surrounding white space
 * @param maxRegexes              regular expressions per rule
 * @param maxRegexLength          code points per regular expression
 * @param maxGroups               groups per rule when it does not apply to all groups
 * @param maxLinkWhitelist        web-link whitelist entries per rule
 * @param maxMiniProgramWhitelist mini-program whitelist entries per rule
 * @param maxAllowWords           allow words per rule
 * @param maxExemptMembers        exempt members per rule
 * @param maxRulesPerCreator      rules one creator may have in force in a tenant
 */
public record RuleLimits(
        int maxKeywords,
        int maxKeywordLength,
        int maxRegexes,
        int maxRegexLength,
        int maxGroups,
        int maxLinkWhitelist,
        int maxMiniProgramWhitelist,
        int maxAllowWords,
        int maxExemptMembers,
        int maxRulesPerCreator) {

    /** The longest window a rate, duplicate or flood limit may have; limit state must live at least this long. */
    public static final Duration MAX_LIMIT_WINDOW = Duration.ofDays(7);

    public RuleLimits {
        requirePositive("maxKeywords", maxKeywords);
        requirePositive("maxKeywordLength", maxKeywordLength);
        requirePositive("maxRegexes", maxRegexes);
        requirePositive("maxRegexLength", maxRegexLength);
        requirePositive("maxGroups", maxGroups);
        requirePositive("maxLinkWhitelist", maxLinkWhitelist);
        requirePositive("maxMiniProgramWhitelist", maxMiniProgramWhitelist);
        requirePositive("maxAllowWords", maxAllowWords);
        requirePositive("maxExemptMembers", maxExemptMembers);
        requirePositive("maxRulesPerCreator", maxRulesPerCreator);
    }

    /**
     * 100 keywords of at most 60 characters, 10 regexes of at most 260 characters (Discord AutoMod's figures),
     * 20,000 groups, 1,000 link and 1,000 mini-program whitelist entries, 1,000 allow words, 1,000 rules per
     * creator. The product names no figure for exempt members; 10,000 covers a brand's staff and VIP customers
     * while keeping a rule's exempt set (held in memory per rule) around a megabyte.
     */
    public static RuleLimits defaults() {
        return new RuleLimits(100, 60, 10, 260, 20_000, 1_000, 1_000, 1_000, 10_000, 1_000);
    }

    private static void requirePositive(String name, int value) {
        if (value < 1) {
            throw new IllegalArgumentException(name + " must be at least 1, got " + value);
        }
    }
}
