package io.groupguard.rules;

import io.groupguard.avro.ChatMessage;
import io.groupguard.avro.ContentType;
import io.groupguard.avro.ModerationRule;
import io.groupguard.avro.RestrictedContent;
import io.groupguard.avro.SenderRestriction;
import io.groupguard.avro.ViolationKind;
import java.util.List;

/**
 * A rule's sender restrictions: the first restriction that selects the sender (by kind or by
 * any role; empty kinds and roles select everyone) and forbids what the message carries.
 */
final class SenderRestrictionCheck implements StatelessCheck {

  private final ModerationRule rule;
  private final List<SenderRestriction> restrictions;

  SenderRestrictionCheck(ModerationRule rule, List<SenderRestriction> restrictions) {
    this.rule = rule;
    this.restrictions = List.copyOf(restrictions);
  }

  @Override
  public Finding check(MessageContent content) {
    for (SenderRestriction restriction : restrictions) {
      if (selects(restriction, content.message()) && carries(content, restriction.getForbid())) {
        String who = restriction.getSenderKinds().isEmpty() && restriction.getRoles().isEmpty()
            ? "members" : "members of kinds " + restriction.getSenderKinds() + " or roles " + restriction.getRoles();
        return Finding.withoutSpan(ViolationKind.SENDER_RESTRICTION, rule, restriction.getForbid().name(),
            restriction.toString(), who + " may not post " + describe(restriction.getForbid()));
      }
    }
    return null;
  }

  private static boolean selects(SenderRestriction restriction, ChatMessage message) {
    if (restriction.getSenderKinds().isEmpty() && restriction.getRoles().isEmpty()) {
      return true;
    }
    if (message.getSenderKind() != null && restriction.getSenderKinds().contains(message.getSenderKind())) {
      return true;
    }
    List<String> roles = message.getSenderRoles();
    return roles != null && roles.stream().anyMatch(restriction.getRoles()::contains);
  }

  private static boolean carries(MessageContent content, RestrictedContent forbidden) {
    return switch (forbidden) {
      case ALL_MESSAGES -> true;
      case LINKS -> content.hasLink();
      case MINI_PROGRAMS -> content.isMiniProgram();
      case IMAGES -> content.contentType() == ContentType.IMAGE;
      case FILES -> content.contentType() == ContentType.FILE;
    };
  }

  private static String describe(RestrictedContent forbidden) {
    return switch (forbidden) {
      case ALL_MESSAGES -> "any message";
      case LINKS -> "links";
      case MINI_PROGRAMS -> "mini-programs";
      case IMAGES -> "images";
      case FILES -> "files";
    };
  }
}
