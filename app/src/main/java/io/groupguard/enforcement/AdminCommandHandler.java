package io.groupguard.enforcement;

import io.groupguard.avro.ActionType;
import io.groupguard.avro.AdminCommand;
import io.groupguard.avro.AdminCommandOutcome;
import io.groupguard.avro.AdminCommandResult;
import io.groupguard.avro.MemberRestriction;
import io.groupguard.avro.ModerationAction;
import io.groupguard.topology.DeterministicIds;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Carries out an operator's command on a member's standing and answers it, APPLIED or
 * REFUSED with the reason. Commands are judged at their {@code issuedAt} (event time), like
 * everything else in enforcement.
 * <ul>
 *   <li>PARDON lifts the mutes and kicks in force (in the command's group, or all) and removes
 *       the last strike; refused when the member has more strikes than the tenant's appeal
 *       policy allows (by default: first offence only), or nothing to pardon.
 *   <li>RESET_STRIKES clears all strikes; restrictions stay. Refused when there are none.
 *   <li>UNMUTE lifts mutes (not kicks: those need a PARDON). Refused when there is no mute.
 * </ul>
 * Lifting emits UNMUTE / UNKICK actions for executors and lifts the restriction for evaluation.
 */
public final class AdminCommandHandler {

  public List<EnforcementOutput> handle(AdminCommand command, Standing standing, EnforcementPolicy policy, long decidedAt) {
    Instant at = command.getIssuedAt();
    List<EnforcementOutput> outputs = new ArrayList<>();
    standing.dropExpired(at).forEach(expired -> outputs.add(EnforcementOutput.RestrictionChange.lifted(expired)));
    standing.decay(at, policy.strikeDecay());
    List<MemberRestriction> inScope = standing.restrictionsIn(command.getGroupId());
    int strikes = standing.strikes();
    String where = command.getGroupId() == null ? "" : " in group " + command.getGroupId();

    String refusal = switch (command.getType()) {
      case PARDON -> strikes == 0 && inScope.isEmpty()
          ? "nothing to pardon: no strikes and no mute or kick in force" + where
          : policy.appealable(strikes) ? null
          : "appeals are accepted up to " + policy.appealableStrikes() + " strike(s); the member has " + strikes;
      case RESET_STRIKES -> strikes == 0 ? "the member has no strikes" : null;
      case UNMUTE -> inScope.stream().noneMatch(r -> !r.getKicked())
          ? "the member is not muted" + where + (inScope.isEmpty() ? "" : " (a kick is lifted with PARDON)") : null;
    };
    if (refusal != null) {
      outputs.add(answer(command, AdminCommandOutcome.REFUSED, refusal, strikes, List.of(), decidedAt));
      return outputs;
    }

    List<MemberRestriction> lifted = switch (command.getType()) {
      case PARDON -> inScope;
      case RESET_STRIKES -> List.of();
      case UNMUTE -> inScope.stream().filter(r -> !r.getKicked()).toList();
    };
    String done = switch (command.getType()) {
      case PARDON -> {
        standing.removeLastStrike();
        yield (strikes == 0 ? "pardoned" : "pardoned: removed strike " + strikes) + lifts(lifted);
      }
      case RESET_STRIKES -> {
        standing.clearStrikes();
        yield "cleared " + strikes + " strike(s)";
      }
      case UNMUTE -> "unmuted" + lifts(lifted);
    };
    List<String> actionIds = new ArrayList<>();
    for (MemberRestriction restriction : lifted) {
      standing.lift(restriction);
      ModerationAction action = liftAction(command, restriction, standing.strikes(), policy, decidedAt);
      actionIds.add(action.getActionId());
      outputs.add(new EnforcementOutput.Action(action));
      outputs.add(EnforcementOutput.RestrictionChange.lifted(restriction));
    }
    outputs.add(answer(command, AdminCommandOutcome.APPLIED, done, standing.strikes(), actionIds, decidedAt));
    return outputs;
  }

  private static String lifts(List<MemberRestriction> lifted) {
    return lifted.isEmpty() ? "" : "; lifted " + String.join(", ",
        lifted.stream().map(r -> (r.getKicked() ? "kick" : "mute") + " in " + r.getGroupId()).toList());
  }

  private static ModerationAction liftAction(AdminCommand command, MemberRestriction restriction, int strikes,
      EnforcementPolicy policy, long decidedAt) {
    ActionType type = restriction.getKicked() ? ActionType.UNKICK : ActionType.UNMUTE;
    return ModerationAction.newBuilder()
        .setActionId(DeterministicIds.of("act-", command.getTenantId(), command.getCommandId(), type.name(),
            restriction.getGroupId()))
        .setTenantId(command.getTenantId())
        .setGroupId(restriction.getGroupId())
        .setMemberId(command.getMemberId())
        .setType(type)
        .setAppealable(false)
        .setMemberReason(MemberReasons.lifted(type, policy.reasons()))
        .setLanguage(policy.language())
        .setStrikeNumber(strikes)
        .setLadderStep("admin: " + command.getType() + " by " + command.getOperatorId())
        .setEventTime(command.getIssuedAt())
        .setDecidedAt(Instant.ofEpochMilli(decidedAt))
        .build();
  }

  private static EnforcementOutput answer(AdminCommand command, AdminCommandOutcome outcome, String reason, int strikes,
      List<String> actionIds, long decidedAt) {
    return new EnforcementOutput.CommandAnswer(AdminCommandResult.newBuilder()
        .setCommandId(command.getCommandId())
        .setTenantId(command.getTenantId())
        .setMemberId(command.getMemberId())
        .setGroupId(command.getGroupId())
        .setType(command.getType())
        .setOutcome(outcome)
        .setReason(reason)
        .setStrikes(strikes)
        .setActionIds(actionIds)
        .setOperatorId(command.getOperatorId())
        .setDecidedAt(Instant.ofEpochMilli(decidedAt))
        .build());
  }
}
