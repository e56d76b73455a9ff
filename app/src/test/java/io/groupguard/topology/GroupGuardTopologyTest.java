package io.groupguard.topology;

import static io.groupguard.topology.TopologyFixture.message;
import static org.assertj.core.api.Assertions.assertThat;

import io.groupguard.avro.ActionType;
import io.groupguard.avro.BlacklistEntry;
import io.groupguard.avro.BlacklistScope;
import io.groupguard.avro.ConfigRejection;
import io.groupguard.avro.Keyword;
import io.groupguard.avro.KeywordMatch;
import io.groupguard.avro.ModerationAction;
import io.groupguard.avro.MemberEvent;
import io.groupguard.avro.MemberEventType;
import io.groupguard.avro.ModerationRule;
import io.groupguard.avro.Violation;
import io.groupguard.avro.ViolationKind;
import io.groupguard.rules.BlacklistKey;
import io.groupguard.rules.TestRules;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.streams.errors.internals.ExceptionHandlerUtils;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class GroupGuardTopologyTest {

  private TopologyFixture fixture;

  @BeforeEach
  void start() throws Exception {
    fixture = new TopologyFixture();
  }

  @AfterEach
  void stop() {
    fixture.close();
  }

  private static ModerationRule keywordRule(String tenant, String ruleId, long version, String... keywords) {
    return TestRules.validRule(tenant, ruleId)
        .setVersion(version)
        .setName("Respectful language")
        .setKeywords(java.util.Arrays.stream(keywords).map(k -> new Keyword(k, KeywordMatch.AUTO)).toList())
        .build();
  }

  @Test
  void keywordRuleTurnsAMatchingMessageIntoAViolationAndOneDecision() {
    fixture.putRule(keywordRule("acme", "r1", 1, "idiot"));
    fixture.send(message("acme", "g1", "m1", "alice", "hello everyone").build());
    fixture.send(message("acme", "g1", "m2", "bob", "you are an idiot").build());

    List<TestRecord<String, Violation>> violations = fixture.violations.readRecordsToList();
    assertThat(violations).hasSize(1);
    Violation violation = violations.get(0).value();
    assertThat(violations.get(0).key()).isEqualTo("acme/g1");
    assertThat(violation.getKind()).isEqualTo(ViolationKind.KEYWORD);
    assertThat(violation.getMessageId()).isEqualTo("m2");
    assertThat(violation.getMemberId()).isEqualTo("bob");
    assertThat(violation.getRuleId()).isEqualTo("r1");
    assertThat(violation.getRuleVersion()).isEqualTo(1L);
    assertThat(violation.getEvidence()).isEqualTo("idiot");
    assertThat(violation.getSpanStart()).isEqualTo(11);
    assertThat(violation.getSpanEnd()).isEqualTo(16);
    assertThat(violation.getShadow()).isFalse();

    List<TestRecord<String, ModerationAction>> actions = fixture.actions.readRecordsToList();
    assertThat(actions).extracting(r -> r.value().getType()).containsExactly(ActionType.DELETE_MESSAGE, ActionType.WARN);
    assertThat(actions).allSatisfy(r -> {
      assertThat(r.key()).isEqualTo("acme/bob");
      assertThat(r.value().getMessageId()).isEqualTo("m2");
      assertThat(r.value().getViolationIds()).containsExactly(violation.getViolationId());
      assertThat(r.value().getMemberReason()).contains("i***t").doesNotContain("idiot");
    });
  }

  @Test
  void replayedInputGivesTheSameIds() {
    fixture.putRule(keywordRule("acme", "r1", 1, "idiot"));
    fixture.send(message("acme", "g1", "m2", "bob", "idiot").build());
    fixture.send(message("acme", "g1", "m2", "bob", "idiot").build());
    List<ModerationAction> actions = fixture.actions.readValuesToList();
    assertThat(actions).hasSize(4);
    assertThat(actions.get(0).getActionId()).isEqualTo(actions.get(2).getActionId());
    assertThat(actions.get(0).getActionId()).isNotEqualTo(actions.get(1).getActionId());
  }

  @Test
  void rulesOfOtherTenantsAndGroupsDoNotApply() {
    fixture.putRule(TestRules.validRule("acme", "r1").setAllGroups(false).setGroupIds(List.of("g1"))
        .setKeywords(List.of(new Keyword("idiot", KeywordMatch.AUTO))).build());
    fixture.send(message("other", "g1", "m1", "bob", "idiot").build());
    fixture.send(message("acme", "g2", "m2", "bob", "idiot").build());
    fixture.send(message("acme", "g1", "m3", "bob", "idiot").build());
    assertThat(fixture.violations.readValuesToList()).extracting(Violation::getMessageId).containsExactly("m3");
  }

  @Test
  void invalidRuleIsRejectedWithAReasonAndTheValidVersionStaysInForce() {
    fixture.putRule(keywordRule("acme", "r1", 1, "idiot"));
    fixture.putRule(keywordRule("acme", "r1", 2, "x".repeat(61)));

    List<ConfigRejection> rejections = fixture.rejections.readValuesToList();
    assertThat(rejections).hasSize(1);
    assertThat(rejections.get(0).getRecordKey()).isEqualTo("acme/r1");
    assertThat(rejections.get(0).getVersion()).isEqualTo(2L);
    assertThat(rejections.get(0).getField()).startsWith("keywords[0]");
    assertThat(rejections.get(0).getReason()).contains("60");

    fixture.send(message("acme", "g1", "m1", "bob", "idiot").build());
    Violation violation = fixture.violations.readValue();
    assertThat(violation.getRuleVersion()).isEqualTo(1L);
  }

  @Test
  void ruleUpdateAndTombstoneTakeEffectForLaterMessages() {
    fixture.putRule(keywordRule("acme", "r1", 1, "idiot"));
    fixture.send(message("acme", "g1", "m1", "bob", "idiot and loser").build());
    fixture.putRule(keywordRule("acme", "r1", 2, "loser"));
    fixture.send(message("acme", "g1", "m2", "carl", "idiot and loser").build()); // bob would be muted by now
    fixture.rules.pipeInput("acme/r1", null);
    fixture.send(message("acme", "g1", "m3", "bob", "idiot and loser").build());

    assertThat(fixture.violations.readValuesToList())
        .extracting(Violation::getMessageId, Violation::getEvidence, Violation::getRuleVersion)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("m1", "idiot", 1L),
            org.assertj.core.groups.Tuple.tuple("m2", "loser", 2L));
  }

  @Test
  void shadowRuleRecordsTheViolationButTakesNoAction() {
    fixture.putRule(TestRules.validRule("acme", "r1").setShadow(true)
        .setKeywords(List.of(new Keyword("idiot", KeywordMatch.AUTO))).build());
    fixture.send(message("acme", "g1", "m1", "bob", "idiot").build());
    assertThat(fixture.violations.readValue().getShadow()).isTrue();
    assertThat(fixture.actions.isEmpty()).isTrue();
  }

  @Test
  void blacklistedSenderIsKickedAndTheEntryCanBeRemoved() {
    BlacklistEntry entry = BlacklistEntry.newBuilder().setTenantId("acme").setScope(BlacklistScope.ENTERPRISE)
        .setMemberId("spammer").setAddedAt(TopologyFixture.START).build();
    String key = new BlacklistKey("acme", BlacklistScope.ENTERPRISE, null, "spammer").format();
    fixture.blacklist.pipeInput(key, entry);
    fixture.send(message("acme", "g1", "m1", "spammer", "hello").build());

    assertThat(fixture.violations.readValue().getKind()).isEqualTo(ViolationKind.BLACKLISTED_SENDER);
    assertThat(fixture.actions.readValuesToList()).extracting(ModerationAction::getType)
        .containsExactly(ActionType.DELETE_MESSAGE, ActionType.KICK);

    fixture.blacklist.pipeInput(key, null);
    fixture.send(message("acme", "g1", "m2", "spammer", "hello again").build());
    assertThat(fixture.violations.isEmpty()).isTrue();
  }

  @Test
  void personalBlacklistAppliesOnlyToTheOwnersGroups() {
    String key = new BlacklistKey("acme", BlacklistScope.PERSONAL, "owner-1", "pest").format();
    fixture.blacklist.pipeInput(key, BlacklistEntry.newBuilder().setTenantId("acme").setScope(BlacklistScope.PERSONAL)
        .setOwnerId("owner-1").setMemberId("pest").setAddedAt(TopologyFixture.START).build());
    fixture.send(message("acme", "g1", "m1", "pest", "hi").build());
    fixture.send(message("acme", "g2", "m2", "pest", "hi").setGroupOwnerId("owner-2").build());
    assertThat(fixture.violations.readValuesToList()).extracting(Violation::getMessageId).containsExactly("m1");
  }

  @Test
  void corruptBytesGoToTheDeadLetterTopicWithTheReasonAndProcessingContinues() {
    fixture.putRule(keywordRule("acme", "r1", 1, "idiot"));
    fixture.rawMessages.pipeInput("acme/g1", "not avro at all".getBytes(StandardCharsets.UTF_8));
    fixture.send(message("acme", "g1", "m2", "bob", "idiot").build());

    TestRecord<byte[], byte[]> deadLetter = fixture.deadLetters.readRecord();
    assertThat(new String(deadLetter.value(), StandardCharsets.UTF_8)).isEqualTo("not avro at all");
    assertThat(header(deadLetter, ExceptionHandlerUtils.HEADER_ERRORS_TOPIC_NAME)).isEqualTo("chat.messages");
    assertThat(header(deadLetter, ExceptionHandlerUtils.HEADER_ERRORS_EXCEPTION_MESSAGE_NAME)).isNotBlank();
    assertThat(fixture.violations.readValue().getMessageId()).isEqualTo("m2");
  }

  @Test
  void aMessageWithoutValueGoesToTheDeadLetterTopic() {
    fixture.rawMessages.pipeInput("acme/g1", null);
    TestRecord<byte[], byte[]> deadLetter = fixture.deadLetters.readRecord();
    assertThat(header(deadLetter, ExceptionHandlerUtils.HEADER_ERRORS_EXCEPTION_MESSAGE_NAME)).contains("no value");
  }

  @Test
  void aChatMessageWithAnEmptyIdentifyingFieldIsADeadLetterNamingTheField() {
    fixture.putRule(keywordRule("acme", "r1", 1, "idiot"));
    fixture.send(message("acme", "g1", "m1", "", "idiot").build());
    fixture.send(message("acme", " ", "m2", "bob", "idiot").build());
    fixture.send(message("acme", "g1", "", "bob", "idiot").build());
    fixture.send(message("", "g1", "m4", "bob", "idiot").build());

    assertThat(fixture.deadLetters.readRecordsToList())
        .extracting(deadLetter -> header(deadLetter, ExceptionHandlerUtils.HEADER_ERRORS_EXCEPTION_MESSAGE_NAME))
        .containsExactly("chat message has an empty senderId", "chat message has an empty groupId",
            "chat message has an empty messageId", "chat message has an empty tenantId");
    assertThat(fixture.violations.readValuesToList()).isEmpty();
  }

  @Test
  void aMemberEventWithAnEmptyIdentifyingFieldIsADeadLetterNamingTheField() {
    MemberEvent leave = MemberEvent.newBuilder().setEventId("e1").setTenantId("acme").setGroupId("g1")
        .setMemberId("bob").setType(MemberEventType.LEAVE).setEventTime(TopologyFixture.START).build();
    fixture.memberEvents.pipeInput("acme/g1", MemberEvent.newBuilder(leave).setMemberId("").build());
    fixture.memberEvents.pipeInput("acme/g1", MemberEvent.newBuilder(leave).setEventId("").build());

    assertThat(fixture.deadLetters.readRecordsToList())
        .extracting(deadLetter -> header(deadLetter, ExceptionHandlerUtils.HEADER_ERRORS_EXCEPTION_MESSAGE_NAME))
        .containsExactly("member event has an empty memberId", "member event has an empty eventId");
  }

  private static String header(TestRecord<?, ?> record, String name) {
    Header header = record.headers().lastHeader(name);
    return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
  }
}
