package io.groupguard.enforcement;

import io.groupguard.avro.ActionType;
import io.groupguard.avro.ModerationRule;
import io.groupguard.avro.Violation;
import java.util.Map;

/**
 * The reason shown to the member, in the tenant's language: why (naming the rule, the
 * evidence masked), then what follows (warning, mute and its length, removal). A rule's own
 * {@code memberReason} replaces the whole text, as its schema promises.
 */
public final class MemberReasons {

  private MemberReasons() {
  }

  /** Reason of a decision caused by {@code cause} (its rule, when it has one, is {@code rule}). */
  public static String explain(Violation cause, ModerationRule rule, Consequence consequence, ReasonTemplates templates) {
    if (rule != null && rule.getMemberReason() != null && !rule.getMemberReason().isBlank()) {
      return rule.getMemberReason();
    }
    String ruleName = cause.getRuleName() == null ? "" : cause.getRuleName();
    String why = templates.render(cause.getKind().name(), Map.of(
        "rule", ruleName.isEmpty() ? "" : templates.render("rule", Map.of("ruleName", ruleName)),
        "ruleName", ruleName,
        "evidence", EvidenceMask.mask(cause.getEvidence())));
    String then = consequence(consequence, templates);
    return then.isEmpty() ? why : why + separator(templates) + then;
  }

  /** Reason of an UNMUTE or UNKICK issued by an operator. */
  public static String lifted(ActionType type, ReasonTemplates templates) {
    return templates.render("lifted." + type.name(), Map.of());
  }

  private static String consequence(Consequence consequence, ReasonTemplates templates) {
    return switch (consequence.kind()) {
      case DELETE_ONLY -> "";
      case WARN -> templates.render("consequence.WARN", Map.of());
      case KICK -> templates.render("consequence.KICK", Map.of());
      case MUTE -> consequence.isPermanentMute()
          ? templates.render("consequence.MUTE_PERMANENT", Map.of())
          : templates.render("consequence.MUTE", Map.of("duration", templates.duration(consequence.mute())));
    };
  }

  /** Chinese sentences follow each other without a space. */
  private static String separator(ReasonTemplates templates) {
    return templates.language().equals("zh") ? "" : " ";
  }
}
