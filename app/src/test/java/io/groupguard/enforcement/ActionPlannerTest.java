package io.groupguard.enforcement;

import static org.assertj.core.api.Assertions.assertThat;

import io.groupguard.avro.ActionType;
import io.groupguard.avro.MessageVerdict;
import io.groupguard.avro.Violation;
import io.groupguard.avro.ViolationKind;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Decisions for a member whose mute evaluation had not yet seen when it judged the message. */
class ActionPlannerTest {

  private static final Instant T0 = Instant.parse("2026-11-20T09:00:00Z");
  private static final EnforcementPolicy POLICY =
      new EnforcementPolicy(Ladder.DEFAULT, Duration.ofDays(30), 1, ReasonTemplates.bundled("en"));

  private final ActionPlanner planner = new ActionPlanner();
  private final Standing standing = Standing.of(null, new InMemoryGroupRestrictions());

  @Test
  void aMemberMutedInTheGroupLosesTheMessageWithoutAStrikeEvenWithoutAMutedSenderViolation() {
    plan("m1", "g1", T0);
    assertThat(types(plan("m2", "g1", T0.plusSeconds(1)))).containsExactly(ActionType.DELETE_MESSAGE, ActionType.MUTE);

    List<EnforcementOutput> muted = plan("m3", "g1", T0.plusSeconds(2));

    assertThat(muted).singleElement().satisfies(output -> {
      var action = ((EnforcementOutput.Action) output).action();
      assertThat(action.getType()).isEqualTo(ActionType.DELETE_MESSAGE);
      assertThat(action.getStrikeNumber()).isNull();
      assertThat(action.getLadderStep()).isEqualTo("muted");
    });
    assertThat(standing.strikes()).isEqualTo(2);
  }

  @Test
  void theMuteHoldsOnlyInItsGroupAndUntilItEnds() {
    plan("m1", "g1", T0);
    plan("m2", "g1", T0.plusSeconds(1)); // strike 2: muted for a day in g1

    assertThat(types(plan("m3", "g2", T0.plusSeconds(2)))).as("strike 3 in another group")
        .containsExactly(ActionType.DELETE_MESSAGE, ActionType.MUTE);
    assertThat(types(plan("m4", "g1", T0.plus(Duration.ofDays(1)).plusSeconds(2)))).as("strike 4 after the mute ended")
        .containsExactly(ActionType.DELETE_MESSAGE, ActionType.MUTE);
    assertThat(standing.strikes()).isEqualTo(4);
  }

  private List<EnforcementOutput> plan(String messageId, String group, Instant at) {
    Violation keyword = Violation.newBuilder().setViolationId("v-" + messageId).setTenantId("acme").setGroupId(group)
        .setMessageId(messageId).setMemberId("bob").setKind(ViolationKind.KEYWORD).setRuleId("insults").setRuleVersion(1L)
        .setRuleName("Insults").setEvidence("idiot").setDetail("keyword").setEventTime(at).setDetectedAt(at).build();
    MessageVerdict verdict = MessageVerdict.newBuilder().setInputId(messageId).setTenantId("acme").setGroupId(group)
        .setMemberId("bob").setMessageId(messageId).setEventTime(at).setViolations(List.of(keyword)).build();
    return planner.plan(verdict, standing, POLICY, violation -> null, at.toEpochMilli())
        .stream().filter(output -> output instanceof EnforcementOutput.Action).toList();
  }

  private static List<ActionType> types(List<EnforcementOutput> outputs) {
    return outputs.stream().map(output -> ((EnforcementOutput.Action) output).action().getType()).toList();
  }
}
