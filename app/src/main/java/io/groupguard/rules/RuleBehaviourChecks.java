package io.groupguard.rules;

import static io.groupguard.rules.ConfigProblems.element;
import static io.groupguard.rules.ConfigProblems.number;

import io.groupguard.avro.DuplicateLimit;
import io.groupguard.avro.FloodLimit;
import io.groupguard.avro.Penalty;
import io.groupguard.avro.PenaltyAction;
import io.groupguard.avro.RateLimit;
import io.groupguard.avro.SenderRestriction;
import java.time.Duration;
import java.util.List;

/**
 * Checks how a rule watches members' behaviour and punishes them: sender restrictions, rate, duplicate and flood
 * limits, and the penalty override. The bounds here are sanity limits rather than product quotas, so they are
 * constants and not part of {@link RuleLimits}.
 */
final class RuleBehaviourChecks {
    /** 4 sender kinds times 5 kinds of content, plus a few role-based ones. */
    static final int MAX_SENDER_RESTRICTIONS = 20;
    static final int MAX_ROLES_PER_RESTRICTION = 100;
    /** Windows longer than a week would keep per-member state for longer than anyone remembers a message. */
    static final int MAX_WINDOW_SECONDS = (int) RuleLimits.MAX_LIMIT_WINDOW.toSeconds();
    /** Bounds the per-member timestamps and per-content sender sets the limits keep in state stores. */
    static final int MAX_LIMIT_COUNT = 10_000;
    /** The flood of a single member is a duplicate, not a campaign. */
    static final int MIN_FLOOD_MEMBERS = 2;
    static final long MIN_MUTE_SECONDS = 60;
    /** Longer mutes are better expressed as permanent (no mute length), which can still be lifted by an admin. */
    static final long MAX_MUTE_SECONDS = Duration.ofDays(365).toSeconds();

    void checkSenderRestrictions(List<SenderRestriction> restrictions, ConfigProblems problems) {
        problems.checkCount("senderRestrictions", restrictions, MAX_SENDER_RESTRICTIONS, "sender restrictions");
        for (int i = 0; i < restrictions.size(); i++) {
            String field = element("senderRestrictions", i);
            SenderRestriction restriction = restrictions.get(i);
            if (restriction == null || restriction.getForbid() == null) {
                problems.add(field + ".forbid", "must say what the members may not post");
                continue;
            }
            List<String> roles = restriction.getRoles() == null ? List.of() : restriction.getRoles();
            problems.checkCount(field + ".roles", roles, MAX_ROLES_PER_RESTRICTION, "roles");
            problems.checkIds(field + ".roles", roles);
        }
    }

    void checkRateLimit(RateLimit limit, ConfigProblems problems) {
        if (limit != null) {
            checkLimitCount("rateLimit.maxMessages", limit.getMaxMessages(), 1, problems);
            checkWindow("rateLimit.windowSeconds", limit.getWindowSeconds(), problems);
        }
    }

    void checkDuplicateLimit(DuplicateLimit limit, ConfigProblems problems) {
        if (limit != null) {
            checkLimitCount("duplicateLimit.maxCopies", limit.getMaxCopies(), 1, problems);
            checkWindow("duplicateLimit.windowSeconds", limit.getWindowSeconds(), problems);
        }
    }

    void checkFloodLimit(FloodLimit limit, ConfigProblems problems) {
        if (limit != null) {
            checkLimitCount("floodLimit.distinctMembers", limit.getDistinctMembers(), MIN_FLOOD_MEMBERS, problems);
            checkWindow("floodLimit.windowSeconds", limit.getWindowSeconds(), problems);
        }
    }

    void checkPenalty(Penalty penalty, ConfigProblems problems) {
        if (penalty == null) {
            return;
        }
        if (penalty.getAction() == null) {
            problems.add("penalty.action", "must be set when a penalty is given");
            return;
        }
        Long muteSeconds = penalty.getMuteSeconds();
        if (muteSeconds == null) {
            return; // a permanent mute, or an action that takes no length
        }
        if (penalty.getAction() != PenaltyAction.MUTE) {
            problems.add("penalty.muteSeconds", "only MUTE takes a mute length, " + penalty.getAction() + " does not");
        } else if (muteSeconds < MIN_MUTE_SECONDS) {
            problems.add("penalty.muteSeconds", "is " + number(muteSeconds) + " seconds, the minimum is "
                    + number(MIN_MUTE_SECONDS) + " seconds (leave it empty for a permanent mute)");
        } else if (muteSeconds > MAX_MUTE_SECONDS) {
            problems.add("penalty.muteSeconds", "is " + number(muteSeconds) + " seconds, the limit is "
                    + number(MAX_MUTE_SECONDS) + " seconds (365 days); leave it empty for a permanent mute");
        }
    }

    private static void checkLimitCount(String field, int count, int minimum, ConfigProblems problems) {
        if (count < minimum) {
            problems.add(field, "is " + number(count) + ", the minimum is " + number(minimum));
        } else if (count > MAX_LIMIT_COUNT) {
            problems.add(field, "is " + number(count) + ", the limit is " + number(MAX_LIMIT_COUNT));
        }
    }

    private static void checkWindow(String field, int seconds, ConfigProblems problems) {
        if (seconds < 1) {
            problems.add(field, "is " + number(seconds) + " seconds, the minimum is 1 second");
        } else if (seconds > MAX_WINDOW_SECONDS) {
            problems.add(field, "is " + number(seconds) + " seconds, the limit is "
                    + number(MAX_WINDOW_SECONDS) + " seconds (7 days)");
        }
    }
}
