package io.groupguard.enforcement;

import io.groupguard.avro.ActionType;
import io.groupguard.avro.MessageVerdict;
import io.groupguard.avro.ModerationAction;
import io.groupguard.avro.Violation;
import io.groupguard.avro.ViolationKind;
import io.groupguard.topology.DeterministicIds;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * One decision per input: the offending message is deleted, and the member gets the single
 * most severe consequence among the enforced (non-shadow) violations. Shadow violations are
 * recorded upstream and never lead to an action.
 */
public final class ActionPlanner {

  public List<ModerationAction> plan(MessageVerdict verdict, long decidedAt) {
    List<Violation> enforced = verdict.getViolations().stream().filter(v -> !v.getShadow()).toList();
    if (enforced.isEmpty()) {
      return List.of();
    }
    Violation worst = enforced.stream().max(Comparator.comparingInt(ActionPlanner::severity)).orElseThrow();
    List<String> violationIds = enforced.stream().map(Violation::getViolationId).toList();
    List<ModerationAction> actions = new ArrayList<>();
    if (verdict.getMessageId() != null) {
      actions.add(action(verdict, ActionType.DELETE_MESSAGE, worst, violationIds, decidedAt).build());
    }
    ActionType consequence = isBlacklist(worst) ? ActionType.KICK : ActionType.WARN;
    actions.add(action(verdict, consequence, worst, violationIds, decidedAt)
        .setAppealable(!isBlacklist(worst))
        .setLadderStep(isBlacklist(worst) ? "blacklist" : "warn")
        .build());
    return actions;
  }

  private static boolean isBlacklist(Violation violation) {
    return violation.getKind() == ViolationKind.BLACKLISTED_SENDER || violation.getKind() == ViolationKind.BLACKLISTED_JOIN;
  }

  /** Blacklisted senders outrank rule violations; among rules, the order of ViolationKind. */
  private static int severity(Violation violation) {
    return isBlacklist(violation) ? Integer.MAX_VALUE : violation.getKind().ordinal();
  }

  private static ModerationAction.Builder action(MessageVerdict verdict, ActionType type, Violation cause,
      List<String> violationIds, long decidedAt) {
    return ModerationAction.newBuilder()
        .setActionId(DeterministicIds.of("act-", verdict.getTenantId(), verdict.getInputId(), type.name()))
        .setTenantId(verdict.getTenantId())
        .setGroupId(verdict.getGroupId())
        .setMemberId(verdict.getMemberId())
        .setMessageId(verdict.getMessageId())
        .setType(type)
        .setMemberReason(MemberReasons.explain(cause))
        .setLanguage("en")
        .setViolationIds(violationIds)
        .setRuleId(cause.getRuleId())
        .setRuleVersion(cause.getRuleVersion())
        .setEventTime(verdict.getEventTime())
        .setDecidedAt(Instant.ofEpochMilli(decidedAt));
  }
}
