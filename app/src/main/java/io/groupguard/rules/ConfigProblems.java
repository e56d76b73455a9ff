package io.groupguard.rules;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;

/**
 * Collects the problems of one candidate and holds the checks shared by rules and blacklist entries.
 *
 * <p>At most {@value #MAX_LISTED} problems are listed; the rest are summed up in one last problem, so that a
 * list of 20,000 blank group ids yields a readable rejection rather than 20,000 of them.
 */
final class ConfigProblems {
    /** Length limit, in code points, of every id (tenant, rule, creator, group, member, owner, role, app id). */
    static final int MAX_ID_LENGTH = 128;
    static final int MAX_LISTED = 50;

    private final List<ConfigProblem> listed = new ArrayList<>();
    private int unlisted;

    void add(String field, String reason) {
        if (listed.size() < MAX_LISTED) {
            listed.add(new ConfigProblem(field, reason));
        } else {
            unlisted++;
        }
    }

    /** Reports a list holding more than {@code limit} elements; {@code noun} is the plural name of its elements. */
    void checkCount(String field, Collection<?> values, int limit, String noun) {
        if (values.size() > limit) {
            add(field, number(values.size()) + " " + noun + ", the limit is " + number(limit));
        }
    }

    /** Checks text that must be present: not blank, at most {@code maxLength} code points, no control characters. */
    void checkText(String field, String value, int maxLength) {
        if (value == null || value.isBlank()) {
            add(field, "must not be blank");
            return;
        }
        checkLength(field, value, maxLength);
        if (value.codePoints().anyMatch(ConfigProblems::isControl)) {
            add(field, "must not contain control characters");
        }
    }

    /** Reports text longer than {@code maxLength} code points; returns whether it is within the limit. */
    boolean checkLength(String field, String value, int maxLength) {
        int length = length(value);
        if (length > maxLength) {
            add(field, "is " + number(length) + " characters long, the limit is " + number(maxLength));
            return false;
        }
        return true;
    }

    void checkId(String field, String value) {
        checkText(field, value, MAX_ID_LENGTH);
    }

    /** An id that is also part of a record key, where '/' separates the parts. */
    void checkKeyPart(String field, String value) {
        checkId(field, value);
        if (value != null && value.indexOf('/') >= 0) {
            add(field, "must not contain '/', which separates the parts of the record key");
        }
    }

    /** Checks every element of a list of ids; {@code listField} is the list's name, e.g. {@code "groupIds"}. */
    void checkIds(String listField, List<String> values) {
        for (int i = 0; i < values.size(); i++) {
            checkId(element(listField, i), values.get(i));
        }
    }

    List<ConfigProblem> toList() {
        if (unlisted == 0) {
            return List.copyOf(listed);
        }
        List<ConfigProblem> all = new ArrayList<>(listed);
        all.add(new ConfigProblem("*", "and " + number(unlisted) + " more problems not listed"));
        return List.copyOf(all);
    }

    static String element(String listField, int index) {
        return listField + "[" + index + "]";
    }

    /** Length as a person counts it: code points, so that a CJK or emoji character counts once. */
    static int length(String value) {
        return value.codePointCount(0, value.length());
    }

    /** Formats a count with thousands separators, as limits are quoted to operators ("20,000"). */
    static String number(long value) {
        return String.format(Locale.ROOT, "%,d", value);
    }

    private static boolean isControl(int codePoint) {
        return Character.getType(codePoint) == Character.CONTROL;
    }
}
