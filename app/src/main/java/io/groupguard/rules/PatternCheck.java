package io.groupguard.rules;

import com.google.re2j.Matcher;
import com.google.re2j.Pattern;
import io.groupguard.avro.ModerationRule;
import io.groupguard.avro.ViolationKind;
import io.groupguard.matching.NormalizedText;

/**
 * One RE2/J regex of a rule (linear time). Tried on the original text first, so patterns about
 * spacing, punctuation or digits work as written, then on the normalized text (folded word chars
 * only, no spaces or punctuation, repeats squeezed), so disguise does not evade it; a normalized
 * match is mapped back to its span in the original. Empty matches are ignored.
 */
final class PatternCheck implements StatelessCheck {

  private final ModerationRule rule;
  private final String source;
  private final Pattern pattern;

  PatternCheck(ModerationRule rule, String source, Pattern pattern) {
    this.rule = rule;
    this.source = source;
    this.pattern = pattern;
  }

  @Override
  public Finding check(MessageContent content) {
    String text = content.text();
    Matcher original = pattern.matcher(text);
    if (findNonEmpty(original, text.length())) {
      return new Finding(ViolationKind.REGEX, rule, text.substring(original.start(), original.end()), source,
          original.start(), original.end(), "regex matched the message text");
    }
    NormalizedText normalized = content.normalized();
    String foldedText = normalized.toString();
    Matcher folded = pattern.matcher(foldedText);
    if (findNonEmpty(folded, foldedText.length())) {
      int start = normalized.originalStart(folded.start());
      int end = normalized.originalEnd(folded.end() - 1);
      return new Finding(ViolationKind.REGEX, rule, text.substring(start, end), source, start, end,
          "regex matched the normalized text '" + folded.group() + "'");
    }
    return null;
  }

  private static boolean findNonEmpty(Matcher matcher, int inputLength) {
    int from = 0;
    while (from <= inputLength && matcher.find(from)) {
      if (matcher.end() > matcher.start()) {
        return true;
      }
      from = matcher.end() + 1;
    }
    return false;
  }
}
