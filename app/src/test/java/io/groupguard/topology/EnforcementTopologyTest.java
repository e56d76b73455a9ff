package io.groupguard.topology;

import static io.groupguard.topology.TopologyFixture.START;
import static io.groupguard.topology.TopologyFixture.message;
import static org.assertj.core.api.Assertions.assertThat;

import io.groupguard.avro.ActionType;
import io.groupguard.avro.AdminCommand;
import io.groupguard.avro.AdminCommandOutcome;
import io.groupguard.avro.AdminCommandResult;
import io.groupguard.avro.AdminCommandType;
import io.groupguard.avro.BlacklistEntry;
import io.groupguard.avro.BlacklistScope;
import io.groupguard.avro.Keyword;
import io.groupguard.avro.KeywordMatch;
import io.groupguard.avro.MemberEvent;
import io.groupguard.avro.MemberEventType;
import io.groupguard.avro.MemberRestriction;
import io.groupguard.avro.ModerationAction;
import io.groupguard.avro.ModerationRule;
import io.groupguard.avro.Penalty;
import io.groupguard.avro.PenaltyAction;
import io.groupguard.avro.TenantSettings;
import io.groupguard.avro.Violation;
import io.groupguard.avro.ViolationKind;
import io.groupguard.rules.BlacklistKey;
import io.groupguard.rules.TestRules;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Enforcement through the whole topology: the ladder, mutes, decay, joins, admin commands. */
class EnforcementTopologyTest {

  private static final Duration DAY = Duration.ofDays(1);

  private TopologyFixture fixture;

  @BeforeEach
  void start() throws Exception {
    fixture = new TopologyFixture();
    fixture.putRule(rule("insults", "Respectful language", "idiot").build());
  }

  @AfterEach
  void stop() {
    fixture.close();
  }

  @Test
  void oneMemberWalksTheWholeLadderAcrossTheTenantsGroups() {
    offence("m1", "g1", START);
    offence("m2", "g2", START.plus(DAY));
    offence("m3", "g1", START.plus(DAY.multipliedBy(2)));
    offence("m4", "g2", START.plus(DAY.multipliedBy(3)));
    offence("m5", "g3", START.plus(DAY.multipliedBy(4)));

    List<ModerationAction> consequences = fixture.actions.readValuesToList().stream()
        .filter(action -> action.getType() != ActionType.DELETE_MESSAGE).toList();
    assertThat(consequences).extracting(ModerationAction::getType, ModerationAction::getMuteSeconds,
            ModerationAction::getStrikeNumber, ModerationAction::getLadderStep, ModerationAction::getAppealable)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(ActionType.WARN, null, 1, "strike-1: warn", true),
            org.assertj.core.groups.Tuple.tuple(ActionType.MUTE, DAY.toSeconds(), 2, "strike-2: mute 1d", false),
            org.assertj.core.groups.Tuple.tuple(ActionType.MUTE, 7 * DAY.toSeconds(), 3, "strike-3: mute 7d", false),
            org.assertj.core.groups.Tuple.tuple(ActionType.MUTE, 15 * DAY.toSeconds(), 4, "strike-4: mute 15d", false),
            org.assertj.core.groups.Tuple.tuple(ActionType.KICK, null, 5, "strike-5: kick", false));
    assertThat(consequences).allSatisfy(action -> {
      assertThat(action.getRuleId()).isEqualTo("insults");
      assertThat(action.getRuleVersion()).isEqualTo(1L);
      assertThat(action.getViolationIds()).hasSize(1);
      assertThat(action.getMemberReason()).contains("i***t", "Respectful language").doesNotContain("idiot");
    });
    assertThat(consequences.get(1).getMemberReason()).endsWith("You are muted in this group for 1 day.");

    List<KeyValue<String, MemberRestriction>> restrictions = fixture.memberRestrictions.readKeyValuesToList();
    assertThat(restrictions).extracting(r -> r.key, r -> r.value == null ? null : r.value.getMutedUntil(),
            r -> r.value == null ? null : r.value.getKicked())
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("acme/g2/bob", START.plus(DAY.multipliedBy(2)), false),
            // the 1-day mute in g2 has ended by the 3rd offence: lifted
            org.assertj.core.groups.Tuple.tuple("acme/g2/bob", null, null),
            org.assertj.core.groups.Tuple.tuple("acme/g1/bob", START.plus(DAY.multipliedBy(9)), false),
            org.assertj.core.groups.Tuple.tuple("acme/g2/bob", START.plus(DAY.multipliedBy(18)), false),
            org.assertj.core.groups.Tuple.tuple("acme/g3/bob", null, true));
  }

  @Test
  void aMutedMembersMessagesAreDeletedWithoutStrikesUntilTheMuteEndsInEventTime() {
    offence("m1", "g1", START);
    offence("m2", "g1", START.plusSeconds(60)); // strike 2: muted in g1 for a day
    fixture.actions.readValuesToList();

    fixture.send(message("acme", "g1", "m3", "bob", "hello").setSendTime(START.plus(Duration.ofHours(1))).build());
    fixture.send(message("acme", "g2", "m4", "bob", "hello").setSendTime(START.plus(Duration.ofHours(1))).build());
    fixture.send(message("acme", "g1", "m5", "bob", "hello again")
        .setSendTime(START.plusSeconds(60).plus(DAY).plusSeconds(1)).build());

    List<Violation> violations = fixture.violations.readValuesToList();
    assertThat(violations).extracting(Violation::getMessageId).containsExactly("m1", "m2", "m3");
    assertThat(violations.get(2).getKind()).isEqualTo(ViolationKind.MUTED_SENDER);
    List<ModerationAction> actions = fixture.actions.readValuesToList();
    assertThat(actions).singleElement().satisfies(action -> {
      assertThat(action.getType()).isEqualTo(ActionType.DELETE_MESSAGE);
      assertThat(action.getMessageId()).isEqualTo("m3");
      assertThat(action.getStrikeNumber()).isNull();
      assertThat(action.getLadderStep()).isEqualTo("muted");
      assertThat(action.getMemberReason()).contains("muted");
    });

    offence("m6", "g1", START.plus(DAY.multipliedBy(2)));
    assertThat(consequenceOf("m6")).satisfies(action -> assertThat(action.getStrikeNumber()).isEqualTo(3));
  }

  @Test
  void strikesDecayAfterTheTenantsPeriod() {
    offence("m1", "g1", START);
    offence("m2", "g1", START.plus(Duration.ofDays(31)));
    assertThat(consequenceOf("m2").getType()).isEqualTo(ActionType.WARN);
    assertThat(consequenceOf("m2").getStrikeNumber()).isEqualTo(1);

    fixture.tenantSettings.pipeInput("acme", TenantSettings.newBuilder().setTenantId("acme")
        .setStrikeDecaySeconds(Duration.ofHours(1).toSeconds()).build());
    offence("m3", "g1", START.plus(Duration.ofDays(31)).plusSeconds(30 * 60));
    offence("m4", "g2", START.plus(Duration.ofDays(31)).plus(Duration.ofHours(3)));
    assertThat(consequenceOf("m3").getStrikeNumber()).isEqualTo(2);
    assertThat(consequenceOf("m4").getStrikeNumber()).isEqualTo(1);
  }

  @Test
  void tenantSettingsChooseTheLadderLanguageAndTemplates() {
    fixture.tenantSettings.pipeInput("acme", TenantSettings.newBuilder().setTenantId("acme")
        .setLadder(List.of("mute:2h", "kick")).setLanguage("zh")
        .setReasonTemplates(Map.of("consequence.KICK", "再见。")).build());
    offence("m1", "g1", START);
    offence("m2", "g2", START);

    ModerationAction mute = consequenceOf("m1");
    assertThat(mute.getType()).isEqualTo(ActionType.MUTE);
    assertThat(mute.getMuteSeconds()).isEqualTo(7200L);
    assertThat(mute.getLanguage()).isEqualTo("zh");
    assertThat(mute.getMemberReason()).isEqualTo("你的消息包含违禁词“i***t”（规则“Respectful language”），已被撤回。你已在本群被禁言2小时。");
    assertThat(consequenceOf("m2").getMemberReason()).endsWith("再见。");

    fixture.tenantSettings.pipeInput("acme", TenantSettings.newBuilder().setTenantId("acme")
        .setLadder(List.of("mute:forever")).build());
    offence("m3", "g3", START);
    assertThat(consequenceOf("m3").getLadderStep()).as("invalid settings fall back to the defaults")
        .isEqualTo("strike-3: mute 7d");
  }

  @Test
  void aMessageBreakingSeveralRulesGetsOneDecisionAndEveryViolationIsRecorded() {
    fixture.putRule(rule("ads", "No advertising", "buy now").setPenalty(new Penalty(PenaltyAction.MUTE, 3600L)).build());
    fixture.putRule(rule("trial", "Trial rule", "cheap").setShadow(true).build());
    fixture.send(message("acme", "g1", "m1", "bob", "idiot, buy now, cheap").build());

    List<Violation> violations = fixture.violations.readValuesToList();
    assertThat(violations).extracting(Violation::getRuleId).containsExactlyInAnyOrder("insults", "ads", "trial");
    List<ModerationAction> actions = fixture.actions.readValuesToList();
    assertThat(actions).extracting(ModerationAction::getType).containsExactly(ActionType.DELETE_MESSAGE, ActionType.MUTE);
    ModerationAction mute = actions.get(1);
    assertThat(mute.getRuleId()).isEqualTo("ads");
    assertThat(mute.getLadderStep()).isEqualTo("override: mute 1h");
    assertThat(mute.getStrikeNumber()).isEqualTo(1);
    assertThat(mute.getViolationIds()).containsExactlyInAnyOrderElementsOf(violations.stream()
        .filter(v -> !v.getShadow()).map(Violation::getViolationId).toList());

    offence("m2", "g1", START.plus(Duration.ofHours(2)));
    assertThat(consequenceOf("m2").getLadderStep()).isEqualTo("strike-2: mute 1d");
  }

  @Test
  void blacklistedMemberWhoJoinsIsKicked() {
    String key = new BlacklistKey("acme", BlacklistScope.ENTERPRISE, null, "spammer").format();
    fixture.blacklist.pipeInput(key, BlacklistEntry.newBuilder().setTenantId("acme").setScope(BlacklistScope.ENTERPRISE)
        .setMemberId("spammer").setAddedAt(START).build());
    memberEvent("e1", "spammer", MemberEventType.JOIN);
    memberEvent("e2", "alice", MemberEventType.JOIN);
    memberEvent("e3", "spammer", MemberEventType.LEAVE);

    TestRecord<String, Violation> violation = fixture.violations.readRecord();
    assertThat(violation.key()).isEqualTo("acme/g1");
    assertThat(violation.value().getKind()).isEqualTo(ViolationKind.BLACKLISTED_JOIN);
    assertThat(violation.value().getMessageId()).isNull();
    assertThat(fixture.violations.isEmpty()).isTrue();
    TestRecord<String, ModerationAction> kick = fixture.actions.readRecord();
    assertThat(kick.key()).isEqualTo("acme/spammer");
    assertThat(kick.value().getType()).isEqualTo(ActionType.KICK);
    assertThat(kick.value().getAppealable()).isFalse();
    assertThat(kick.value().getStrikeNumber()).isNull();
    assertThat(kick.value().getLadderStep()).isEqualTo("blacklist");
    assertThat(kick.value().getMemberReason()).isEqualTo("You may not join this group. You have been removed from this group.");
    assertThat(fixture.actions.isEmpty()).isTrue();
    assertThat(fixture.memberRestrictions.isEmpty()).as("the blacklist itself bars the member").isTrue();
  }

  @Test
  void pardonOfAFirstOffenceLiftsTheKickAndASecondOffenceIsRefused() {
    fixture.putRule(rule("ads", "No advertising", "buy now").setPenalty(new Penalty(PenaltyAction.KICK, null)).build());
    fixture.send(message("acme", "g1", "m1", "bob", "buy now").build());
    ModerationAction kick = consequenceOf("m1");
    assertThat(kick.getType()).isEqualTo(ActionType.KICK);
    assertThat(kick.getAppealable()).isTrue();
    fixture.memberRestrictions.readKeyValuesToList();

    command("c1", AdminCommandType.PARDON, null, START.plusSeconds(10));
    AdminCommandResult pardon = fixture.adminResults.readValue();
    assertThat(pardon.getOutcome()).isEqualTo(AdminCommandOutcome.APPLIED);
    assertThat(pardon.getStrikes()).isZero();
    ModerationAction unkick = fixture.actions.readValue();
    assertThat(unkick.getType()).isEqualTo(ActionType.UNKICK);
    assertThat(unkick.getGroupId()).isEqualTo("g1");
    assertThat(pardon.getActionIds()).containsExactly(unkick.getActionId());
    assertThat(fixture.memberRestrictions.readKeyValue()).isEqualTo(KeyValue.pair("acme/g1/bob", null));
    fixture.send(message("acme", "g1", "m2", "bob", "sorry").setSendTime(START.plusSeconds(20)).build());
    assertThat(fixture.violations.readValuesToList()).extracting(Violation::getMessageId).containsExactly("m1");

    offence("m3", "g1", START.plusSeconds(30));
    offence("m4", "g1", START.plusSeconds(40));
    assertThat(consequenceOf("m4").getType()).isEqualTo(ActionType.MUTE);
    command("c2", AdminCommandType.PARDON, "g1", START.plusSeconds(50));
    AdminCommandResult refused = fixture.adminResults.readValue();
    assertThat(refused.getOutcome()).isEqualTo(AdminCommandOutcome.REFUSED);
    assertThat(refused.getReason()).isEqualTo("appeals are accepted up to 1 strike(s); the member has 2");
    assertThat(refused.getStrikes()).isEqualTo(2);
    assertThat(fixture.actions.isEmpty()).isTrue();
  }

  @Test
  void unmuteAndResetAreAppliedOrRefusedWithTheReason() {
    offence("m1", "g1", START);
    offence("m2", "g1", START.plusSeconds(10));
    fixture.actions.readValuesToList();
    fixture.memberRestrictions.readKeyValuesToList();

    command("c1", AdminCommandType.UNMUTE, null, START.plusSeconds(20));
    command("c2", AdminCommandType.UNMUTE, null, START.plusSeconds(30));
    command("c3", AdminCommandType.RESET_STRIKES, null, START.plusSeconds(40));
    command("c4", AdminCommandType.RESET_STRIKES, null, START.plusSeconds(50));

    assertThat(fixture.adminResults.readValuesToList())
        .extracting(AdminCommandResult::getCommandId, AdminCommandResult::getOutcome, AdminCommandResult::getReason,
            AdminCommandResult::getStrikes)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("c1", AdminCommandOutcome.APPLIED, "unmuted; lifted mute in g1", 2),
            org.assertj.core.groups.Tuple.tuple("c2", AdminCommandOutcome.REFUSED, "the member is not muted", 2),
            org.assertj.core.groups.Tuple.tuple("c3", AdminCommandOutcome.APPLIED, "cleared 2 strike(s)", 0),
            org.assertj.core.groups.Tuple.tuple("c4", AdminCommandOutcome.REFUSED, "the member has no strikes", 0));
    TestRecord<String, ModerationAction> unmute = fixture.actions.readRecord();
    assertThat(unmute.key()).isEqualTo("acme/bob");
    assertThat(unmute.value().getType()).isEqualTo(ActionType.UNMUTE);
    assertThat(unmute.value().getMemberReason()).isEqualTo("An administrator lifted your mute in this group.");
    assertThat(fixture.actions.isEmpty()).isTrue();
    assertThat(fixture.memberRestrictions.readKeyValue()).isEqualTo(KeyValue.pair("acme/g1/bob", null));

    offence("m3", "g1", START.plusSeconds(60));
    assertThat(consequenceOf("m3").getLadderStep()).isEqualTo("strike-1: warn");
  }

  @Test
  void aDuplicatedInputKeepsItsDeletionIdAndCountsOneStrike() {
    offence("m1", "g1", START);
    offence("m1", "g1", START);
    offence("m2", "g1", START.plusSeconds(1));
    offence("m2", "g1", START.plusSeconds(1)); // by now its sender is muted: deleted as such, no strike
    List<ModerationAction> actions = fixture.actions.readValuesToList();
    assertThat(actions).extracting(ModerationAction::getType).containsExactly(
        ActionType.DELETE_MESSAGE, ActionType.WARN, ActionType.DELETE_MESSAGE, ActionType.WARN,
        ActionType.DELETE_MESSAGE, ActionType.MUTE, ActionType.DELETE_MESSAGE);
    assertThat(actions.subList(2, 4)).usingRecursiveFieldByFieldElementComparatorIgnoringFields("decidedAt")
        .isEqualTo(actions.subList(0, 2));
    assertThat(actions.get(6).getActionId()).isEqualTo(actions.get(4).getActionId());
    offence("m3", "g2", START.plusSeconds(2));
    assertThat(consequenceOf("m3").getStrikeNumber()).isEqualTo(3);
  }

  @Test
  void anAdminCommandWithoutValueGoesToTheDeadLetterTopic() {
    fixture.adminCommands.pipeInput("acme/bob", null);
    assertThat(fixture.deadLetters.readRecord()).isNotNull();
    assertThat(fixture.adminResults.isEmpty()).isTrue();
  }

  private static ModerationRule.Builder rule(String ruleId, String name, String keyword) {
    return TestRules.validRule("acme", ruleId).setName(name).setKeywords(List.of(new Keyword(keyword, KeywordMatch.AUTO)));
  }

  private void offence(String messageId, String group, Instant at) {
    fixture.send(message("acme", group, messageId, "bob", "you idiot").setSendTime(at).build());
  }

  /** The consequence (not the deletion) decided for the message, reading everything emitted so far. */
  private ModerationAction consequenceOf(String messageId) {
    unread.addAll(fixture.actions.readValuesToList());
    return unread.stream().filter(a -> messageId.equals(a.getMessageId()) && a.getType() != ActionType.DELETE_MESSAGE)
        .findFirst().orElseThrow(() -> new AssertionError("no consequence for " + messageId + " in " + unread));
  }

  private final List<ModerationAction> unread = new java.util.ArrayList<>();

  private void memberEvent(String eventId, String member, MemberEventType type) {
    fixture.memberEvents.pipeInput("acme/g1", MemberEvent.newBuilder().setEventId(eventId).setTenantId("acme")
        .setGroupId("g1").setGroupOwnerId("owner-1").setMemberId(member).setType(type).setEventTime(START).build());
  }

  private void command(String commandId, AdminCommandType type, String group, Instant issuedAt) {
    fixture.adminCommands.pipeInput("acme/bob", AdminCommand.newBuilder().setCommandId(commandId).setTenantId("acme")
        .setMemberId("bob").setGroupId(group).setType(type).setOperatorId("op-1").setIssuedAt(issuedAt).build());
  }
}
