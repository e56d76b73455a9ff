package io.groupguard.enforcement;

import io.groupguard.avro.ActionType;
import io.groupguard.avro.MemberRestriction;
import io.groupguard.avro.MessageVerdict;
import io.groupguard.avro.ModerationAction;
import io.groupguard.avro.ModerationRule;
import io.groupguard.avro.Violation;
import io.groupguard.avro.ViolationKind;
import io.groupguard.topology.DeterministicIds;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * One decision per input. Shadow violations never act. Otherwise, in order of precedence:
 * <ol>
 *   <li>a blacklisted sender (or joiner) is kicked; no strike, no appeal (lift the blacklist entry instead);
 *   <li>a member muted or kicked in the group has the message deleted; no strike (the mute already punishes),
 *       whether or not evaluation already knew of the mute (MUTED_SENDER) when it judged the message;
 *   <li>otherwise the member gets one strike, however many rules the input broke, and the most
 *       severe consequence among the ladder's step for that strike and the penalty overrides of
 *       the rules that fired. A decision whose only consequence is a delete-only override adds no strike.
 *       A duplicate of an input that already struck gets the same decision again (same action ids).
 * </ol>
 * The offending message is always deleted. Mutes and kicks become restrictions in the group
 * of the offence, which message evaluation enforces.
 */
public final class ActionPlanner {

  private record Choice(Violation cause, ModerationRule rule, Consequence consequence, String step, boolean strikes) {
  }

  /**
   * Plans the decision for the verdict and updates the member's standing.
   *
   * @param rules the rule in force behind a violation, or null (blacklist, mute, deleted rule)
   */
  public List<EnforcementOutput> plan(MessageVerdict verdict, Standing standing, EnforcementPolicy policy,
      Function<Violation, ModerationRule> rules, long decidedAt) {
    List<Violation> enforced = verdict.getViolations().stream().filter(v -> !v.getShadow()).toList();
    if (enforced.isEmpty()) {
      return List.of();
    }
    Instant at = verdict.getEventTime();
    List<EnforcementOutput> outputs = new ArrayList<>();
    standing.dropExpired(at).forEach(expired -> outputs.add(EnforcementOutput.RestrictionChange.lifted(expired)));
    standing.decay(at, policy.strikeDecay());

    Choice choice = choose(verdict, enforced, standing, policy, rules, at);
    Integer strikeNumber = choice.strikes()
        ? standing.addStrike(at, verdict.getGroupId(), verdict.getInputId()) : null;
    boolean appealable = strikeNumber != null && policy.appealable(strikeNumber);
    String reason = MemberReasons.explain(choice.cause(), choice.rule(), choice.consequence(), policy.reasons());
    List<String> violationIds = enforced.stream().map(Violation::getViolationId).toList();

    if (verdict.getMessageId() != null) {
      outputs.add(new EnforcementOutput.Action(
          action(verdict, ActionType.DELETE_MESSAGE, choice, reason, policy, violationIds, decidedAt)
              .setStrikeNumber(strikeNumber).setAppealable(appealable).build()));
    }
    ActionType type = switch (choice.consequence().kind()) {
      case DELETE_ONLY -> null;
      case WARN -> ActionType.WARN;
      case MUTE -> ActionType.MUTE;
      case KICK -> ActionType.KICK;
    };
    if (type == null) {
      return outputs;
    }
    ModerationAction action = action(verdict, type, choice, reason, policy, violationIds, decidedAt)
        .setStrikeNumber(strikeNumber)
        .setAppealable(appealable)
        .setMuteSeconds(choice.consequence().mute() == null ? null : choice.consequence().mute().toSeconds())
        .build();
    outputs.add(new EnforcementOutput.Action(action));
    if (restricts(choice)) {
      MemberRestriction restriction = restriction(verdict, choice.consequence(), action);
      standing.impose(restriction);
      outputs.add(EnforcementOutput.RestrictionChange.imposed(restriction));
    }
    return outputs;
  }

  private static Choice choose(MessageVerdict verdict, List<Violation> enforced, Standing standing,
      EnforcementPolicy policy, Function<Violation, ModerationRule> rules, Instant at) {
    for (Violation violation : enforced) {
      if (isBlacklist(violation.getKind())) {
        return new Choice(violation, null, Consequence.kick(), "blacklist", false);
      }
    }
    for (Violation violation : enforced) {
      if (violation.getKind() == ViolationKind.MUTED_SENDER) {
        return new Choice(violation, null, Consequence.deleteOnly(), "muted", false);
      }
    }
    // Evaluation learns of a mute through the restrictions topic, one commit later, so it may judge a muted
    // member's next message without knowing; the standing here knows, and the decision must not depend on that race.
    if (standing.restrictionIn(verdict.getGroupId()).filter(restriction -> Standing.inForce(restriction, at)).isPresent()) {
      Violation cause = enforced.get(0);
      return new Choice(cause, rules.apply(cause), Consequence.deleteOnly(), "muted", false);
    }
    int strikeNumber = standing.strikeNumberFor(verdict.getInputId());
    Consequence ladderStep = policy.ladder().step(strikeNumber);
    Choice worst = null;
    for (Violation violation : enforced) {
      ModerationRule rule = rules.apply(violation);
      boolean overridden = rule != null && rule.getPenalty() != null;
      Consequence consequence = overridden ? Consequence.of(rule.getPenalty()) : ladderStep;
      if (worst == null || consequence.compareTo(worst.consequence()) > 0) {
        String step = overridden ? "override: " + consequence.label() : policy.ladder().describe(strikeNumber);
        worst = new Choice(violation, rule, consequence, step, consequence.kind() != Consequence.Kind.DELETE_ONLY);
      }
    }
    return worst;
  }

  /** Mutes and kicks hold in the group; a blacklisted member is barred by the blacklist itself. */
  private static boolean restricts(Choice choice) {
    Consequence.Kind kind = choice.consequence().kind();
    return (kind == Consequence.Kind.MUTE || kind == Consequence.Kind.KICK) && !isBlacklist(choice.cause().getKind());
  }

  private static boolean isBlacklist(ViolationKind kind) {
    return kind == ViolationKind.BLACKLISTED_SENDER || kind == ViolationKind.BLACKLISTED_JOIN;
  }

  private static MemberRestriction restriction(MessageVerdict verdict, Consequence consequence, ModerationAction action) {
    boolean kicked = consequence.kind() == Consequence.Kind.KICK;
    return MemberRestriction.newBuilder()
        .setTenantId(verdict.getTenantId())
        .setGroupId(verdict.getGroupId())
        .setMemberId(verdict.getMemberId())
        .setKicked(kicked)
        .setMutedUntil(kicked || consequence.mute() == null ? null : verdict.getEventTime().plus(consequence.mute()))
        .setImposedAt(verdict.getEventTime())
        .setActionId(action.getActionId())
        .setStrikeNumber(action.getStrikeNumber())
        .setAppealable(action.getAppealable())
        .build();
  }

  private static ModerationAction.Builder action(MessageVerdict verdict, ActionType type, Choice choice, String reason,
      EnforcementPolicy policy, List<String> violationIds, long decidedAt) {
    return ModerationAction.newBuilder()
        .setActionId(DeterministicIds.of("act-", verdict.getTenantId(), verdict.getInputId(), type.name()))
        .setTenantId(verdict.getTenantId())
        .setGroupId(verdict.getGroupId())
        .setMemberId(verdict.getMemberId())
        .setMessageId(verdict.getMessageId())
        .setType(type)
        .setMemberReason(reason)
        .setLanguage(policy.language())
        .setViolationIds(violationIds)
        .setRuleId(choice.cause().getRuleId())
        .setRuleVersion(choice.cause().getRuleVersion())
        .setLadderStep(choice.step())
        .setEventTime(verdict.getEventTime())
        .setDecidedAt(Instant.ofEpochMilli(decidedAt));
  }
}
