package io.groupguard.rules;

import java.util.Objects;

/**
 * One reason why a rule or blacklist entry is not accepted.
 *
 * @param field  where the problem is: a path into the value such as {@code "keywords[3].text"},
 *               {@code "groupIds"} or {@code "regexes[1]"}; {@code "key"} for the record key and
 *               {@code "rule"} when a rule as a whole is at fault, {@code "*"} for the line that
 *               counts the problems left unlisted
 * @param reason human-readable explanation; when a limit was exceeded it names the limit,
 *               e.g. {@code "101 keywords, the limit is 100"}
 */
public record ConfigProblem(String field, String reason) {
    public ConfigProblem {
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(reason, "reason");
    }
}
