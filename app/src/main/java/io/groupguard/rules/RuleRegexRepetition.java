package io.groupguard.rules;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Measures nested counted repetition in a regular expression.
 *
 * <p>RE2 (C++) rejects a regex whose nested repetition counts multiply to more than 1,000, because each count
 * copies the repeated program. RE2/J has no such guard: {@code ((a{100}){100}){100}} is 21 characters yet
 * compiles into a million instructions that every message would then run through. The validator applies RE2's
 * limit itself, using this scan over a regex that RE2/J has already accepted.
 */
final class RuleRegexRepetition {
    static final int MAX_NESTED_REPETITION = 1_000;

    /** Above this the exact product no longer matters; capping it also keeps the multiplication from overflowing. */
    private static final long CAP = MAX_NESTED_REPETITION + 1L;
    private static final Pattern COUNT = Pattern.compile("\\{(\\d+)(?:,(\\d*))?}");

    private RuleRegexRepetition() {
    }

    /**
     * The largest product of nested {@code {n}}, {@code {n,m}} or {@code {n,}} counts in a syntactically valid
     * regex, capped just above {@value #MAX_NESTED_REPETITION}; 1 when it has no counted repetition.
     */
    static long nestedRepetition(String regex) {
        Deque<long[]> enclosing = new ArrayDeque<>();
        long[] group = {1}; // largest product found so far inside the innermost open group
        Matcher count = COUNT.matcher(regex);
        int i = 0;
        while (i < regex.length()) {
            long atom = 1;
            switch (regex.charAt(i)) {
                case '(' -> {
                    enclosing.push(group);
                    group = new long[] {1};
                    i++;
                    continue;
                }
                case ')' -> {
                    atom = group[0];
                    group = enclosing.pop();
                    i++;
                }
                case '\\' -> i = afterEscape(regex, i);
                case '[' -> i = afterCharacterClass(regex, i);
                default -> i++;
            }
            if (count.region(i, regex.length()).lookingAt()) {
                atom = Math.min(CAP, atom * Math.min(CAP, largestCount(count)));
                i = count.end();
            }
            group[0] = Math.max(group[0], atom);
        }
        return group[0];
    }

    private static long largestCount(Matcher count) {
        String max = count.group(2);
        String bound = max == null || max.isEmpty() ? count.group(1) : max;
        // RE2/J accepted the regex, so counts are at most 1,000 and fit; the cap only guards against surprises.
        return bound.length() > 7 ? CAP : Long.parseLong(bound);
    }

    /** Skips an escape: {@code \d}, {@code \p{Greek}}, {@code \x{1F600}} or a quoted {@code \Q...\E}. */
    private static int afterEscape(String regex, int backslash) {
        int next = backslash + 1;
        if (next >= regex.length()) {
            return next;
        }
        char escaped = regex.charAt(next);
        if (escaped == 'Q') {
            int end = regex.indexOf("\\E", next);
            return end < 0 ? regex.length() : end + 2;
        }
        boolean braced = (escaped == 'p' || escaped == 'P' || escaped == 'x')
                && next + 1 < regex.length() && regex.charAt(next + 1) == '{';
        if (braced) {
            int close = regex.indexOf('}', next);
            return close < 0 ? regex.length() : close + 1;
        }
        return next + 1;
    }

    /** Skips {@code [...]}, where a leading {@code ]} is literal and {@code [:alpha:]} may nest. */
    private static int afterCharacterClass(String regex, int open) {
        int j = open + 1;
        if (j < regex.length() && regex.charAt(j) == '^') {
            j++;
        }
        if (j < regex.length() && regex.charAt(j) == ']') {
            j++;
        }
        while (j < regex.length() && regex.charAt(j) != ']') {
            if (regex.charAt(j) == '\\') {
                j += 2;
            } else if (regex.startsWith("[:", j)) {
                int close = regex.indexOf(":]", j + 2);
                j = close < 0 ? regex.length() : close + 2;
            } else {
                j++;
            }
        }
        return Math.min(j + 1, regex.length()); // an escape at the very end may step past it
    }
}
