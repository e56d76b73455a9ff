package io.groupguard.enforcement;

import io.groupguard.avro.Violation;

/** The reason shown to the member, naming the rule and showing the evidence masked. */
public final class MemberReasons {

  private MemberReasons() {
  }

  public static String explain(Violation violation) {
    String rule = violation.getRuleName() == null ? "" : " (rule \"" + violation.getRuleName() + "\")";
    String evidence = EvidenceMask.mask(violation.getEvidence());
    return switch (violation.getKind()) {
      case KEYWORD -> "Your message was removed because it contained a blocked word: " + evidence + rule + ".";
      case REGEX -> "Your message was removed because it matched a blocked pattern: " + evidence + rule + ".";
      case LINK -> "Your message was removed because links to " + evidence + " are not allowed here" + rule + ".";
      case MINI_PROGRAM -> "Your message was removed because this mini-program is not allowed here" + rule + ".";
      case SENDER_RESTRICTION -> "Your message was removed because members like you may not post this here" + rule + ".";
      case RATE_LIMIT -> "Your message was removed because you are posting too fast" + rule + ".";
      case DUPLICATE -> "Your message was removed because you posted the same message repeatedly" + rule + ".";
      case FLOOD -> "Your message was removed because the same message is being posted by many accounts" + rule + ".";
      case BLACKLISTED_SENDER, BLACKLISTED_JOIN -> "You have been removed from this group by its administrators.";
      case MUTED_SENDER -> "Your message was removed because you are muted in this group.";
      default -> "Your message was removed because it broke this group's rules" + rule + ".";
    };
  }
}
