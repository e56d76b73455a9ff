package io.groupguard.rules;

import static io.groupguard.rules.ConfigProblems.element;
import static io.groupguard.rules.ConfigProblems.number;

import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import io.groupguard.avro.Keyword;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Checks what a rule looks for in the text of a message: keywords, allow words and regular expressions. */
final class RuleWordChecks {
    /**
     * Allow words are whole words that contain a keyword ("classic" for "ass"), so they may be longer than
     * keywords; twice the keyword limit leaves room for a compound around a keyword of maximal length.
     */
    static final int ALLOW_WORD_LENGTH_FACTOR = 2;

    private final RuleLimits limits;

    RuleWordChecks(RuleLimits limits) {
        this.limits = limits;
    }

    void checkKeywords(List<Keyword> keywords, ConfigProblems problems) {
        problems.checkCount("keywords", keywords, limits.maxKeywords(), "keywords");
        Map<String, Integer> firstIndexByFolded = new HashMap<>();
        for (int i = 0; i < keywords.size(); i++) {
            String field = element("keywords", i) + ".text";
            String text = keywords.get(i) == null ? null : keywords.get(i).getText();
            if (text == null || text.isBlank()) {
                problems.add(field, "must not be blank");
                continue;
            }
            String stripped = text.strip();
            problems.checkLength(field, stripped, limits.maxKeywordLength());
            Integer first = firstIndexByFolded.putIfAbsent(stripped.toLowerCase(Locale.ROOT), i);
            if (first != null) {
                problems.add(field, "'" + stripped + "' repeats keywords[" + first + "] (keywords ignore case)");
            }
        }
    }

    void checkAllowWords(List<String> allowWords, ConfigProblems problems) {
        problems.checkCount("allowWords", allowWords, limits.maxAllowWords(), "allow words");
        int maxLength = ALLOW_WORD_LENGTH_FACTOR * limits.maxKeywordLength();
        for (int i = 0; i < allowWords.size(); i++) {
            String word = allowWords.get(i);
            if (word == null || word.isBlank()) {
                problems.add(element("allowWords", i), "must not be blank");
            } else {
                problems.checkLength(element("allowWords", i), word.strip(), maxLength);
            }
        }
    }

    void checkRegexes(List<String> regexes, ConfigProblems problems) {
        problems.checkCount("regexes", regexes, limits.maxRegexes(), "regexes");
        for (int i = 0; i < regexes.size(); i++) {
            checkRegex(element("regexes", i), regexes.get(i), problems);
        }
    }

    private void checkRegex(String field, String regex, ConfigProblems problems) {
        if (regex == null || regex.isBlank()) {
            problems.add(field, "must not be blank: it would match every message");
            return;
        }
        if (!problems.checkLength(field, regex, limits.maxRegexLength())) {
            return; // not worth compiling
        }
        try {
            Pattern.compile(regex);
        } catch (PatternSyntaxException e) {
            problems.add(field, "is not a valid RE2 regular expression: " + e.getMessage());
            return;
        }
        if (RuleRegexRepetition.nestedRepetition(regex) > RuleRegexRepetition.MAX_NESTED_REPETITION) {
            problems.add(field, "nested repetition counts multiply to more than "
                    + number(RuleRegexRepetition.MAX_NESTED_REPETITION) + ", the limit is "
                    + number(RuleRegexRepetition.MAX_NESTED_REPETITION));
        }
    }
}
