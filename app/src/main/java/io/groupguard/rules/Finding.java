package io.groupguard.rules;

import io.groupguard.avro.ModerationRule;
import io.groupguard.avro.ViolationKind;

/**
 * One stateless check that fired.
 *
 * @param kind which check fired (KEYWORD, REGEX, LINK, MINI_PROGRAM, SENDER_RESTRICTION)
 * @param rule the rule that fired (shadow rules fire too; the caller flags them)
 * @param evidence what matched as it stands in the original message (text, URL, app id), or null
 * @param matchedPattern the keyword, regex or whitelist the evidence was checked against
 * @param spanStart UTF-16 index into the original message text (inclusive), -1 when not about text
 * @param spanEnd UTF-16 index into the original message text (exclusive), -1 when not about text
 * @param detail operator-facing explanation, English
 */
public record Finding(ViolationKind kind, ModerationRule rule, String evidence, String matchedPattern,
    int spanStart, int spanEnd, String detail) {

  /** A finding not tied to a place in the message text. */
  static Finding withoutSpan(ViolationKind kind, ModerationRule rule, String evidence, String matchedPattern,
      String detail) {
    return new Finding(kind, rule, evidence, matchedPattern, -1, -1, detail);
  }
}
