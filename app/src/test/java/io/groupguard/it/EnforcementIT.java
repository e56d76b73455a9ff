package io.groupguard.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.groupguard.avro.ActionType;
import io.groupguard.avro.AdminCommand;
import io.groupguard.avro.AdminCommandOutcome;
import io.groupguard.avro.AdminCommandResult;
import io.groupguard.avro.AdminCommandType;
import io.groupguard.avro.ChatMessage;
import io.groupguard.avro.Keyword;
import io.groupguard.avro.KeywordMatch;
import io.groupguard.avro.ModerationAction;
import io.groupguard.config.GroupGuardConfig;
import io.groupguard.rules.TestRules;
import io.groupguard.testing.KafkaTestCluster;
import io.groupguard.topology.GroupGuardTopology;
import io.groupguard.topology.RecordKeys;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.utils.Utils;
import org.apache.kafka.streams.KeyValue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Enforcement on a real broker, exactly-once: one member offends in two groups whose messages
 * live on different partitions; strikes still add up in the member's task, mutes reach the
 * other partition's evaluation through the restriction topic, and admin commands meet the
 * strikes in the same task.
 */
class EnforcementIT {

  @RegisterExtension
  static final KafkaTestCluster KAFKA = new KafkaTestCluster();

  /**
   * Three days ago, so that every send time is in the past: a sendTime ahead of its record's timestamp by more
   * than the limits' grace is not trusted (SendTimeExtractor), and the ladder below depends on these times.
   */
  private static final Instant T0 = Instant.now().minus(Duration.ofDays(3)).truncatedTo(ChronoUnit.MINUTES);
  private static final int PARTITIONS = 3;
  private static final int MEMBER_PARTITIONS = 4;
  private static final String GROUP_A = "g1";
  private static final String GROUP_B = "g2";

  @Test
  void strikesEscalateAcrossGroupsOnDifferentPartitionsAndCommandsAreAnswered() throws Exception {
    assertThat(partitionOf(RecordKeys.group("acme", GROUP_A))).isNotEqualTo(partitionOf(RecordKeys.group("acme", GROUP_B)));
    try (RunningApp gg = new RunningApp(KAFKA, "enforcement", Map.of(GroupGuardConfig.ENFORCEMENT_PARTITIONS, MEMBER_PARTITIONS))) {
      gg.produce(gg.topics.rules(), List.of(KeyValue.pair("acme/insults", TestRules.validRule("acme", "insults")
          .setName("Respectful language").setKeywords(List.of(new Keyword("idiot", KeywordMatch.AUTO))).build())));
      gg.awaitInStore(GroupGuardTopology.RULES_IN_FORCE_STORE, "acme/insults");

      sendAndAwait(gg, message(GROUP_A, "m1", T0, "you idiot"), "m1:WARN");
      sendAndAwait(gg, message(GROUP_B, "m2", T0.plus(Duration.ofDays(1)), "idiot"), "m2:MUTE");
      gg.awaitInStore(GroupGuardTopology.MEMBER_RESTRICTIONS_STORE, "acme/" + GROUP_B + "/bob");
      sendAndAwait(gg, message(GROUP_B, "m3", T0.plus(Duration.ofDays(1)).plusSeconds(60), "hello"), "m3:DELETE_MESSAGE");
      sendAndAwait(gg, message(GROUP_A, "m4", T0.plus(Duration.ofDays(2)), "idiot"), "m4:MUTE");

      List<ModerationAction> actions = values(gg.consumeUntil(gg.topics.actions(), read -> read.size() >= 7));
      assertThat(actions).extracting(a -> a.getMessageId() + ":" + a.getType() + ":" + a.getStrikeNumber())
          .containsExactly("m1:DELETE_MESSAGE:1", "m1:WARN:1", "m2:DELETE_MESSAGE:2", "m2:MUTE:2",
              "m3:DELETE_MESSAGE:null", "m4:DELETE_MESSAGE:3", "m4:MUTE:3");
      assertThat(actions.get(6).getMuteSeconds()).isEqualTo(Duration.ofDays(7).toSeconds());

      gg.produce(gg.topics.adminCommands(), List.of(
          command("c1", AdminCommandType.PARDON, null), command("c2", AdminCommandType.UNMUTE, GROUP_A),
          command("c3", AdminCommandType.RESET_STRIKES, null)));
      List<AdminCommandResult> results = values(gg.consumeUntil(gg.topics.adminResults(), read -> read.size() >= 3));
      assertThat(results).extracting(AdminCommandResult::getCommandId, AdminCommandResult::getOutcome, AdminCommandResult::getStrikes)
          .containsExactly(
              org.assertj.core.groups.Tuple.tuple("c1", AdminCommandOutcome.REFUSED, 3),
              org.assertj.core.groups.Tuple.tuple("c2", AdminCommandOutcome.APPLIED, 3),
              org.assertj.core.groups.Tuple.tuple("c3", AdminCommandOutcome.APPLIED, 0));
      List<ModerationAction> unmutes = values(gg.consumeUntil(gg.topics.actions(), read -> read.size() >= 8)).subList(7, 8);
      assertThat(unmutes).singleElement().satisfies(a -> {
        assertThat(a.getType()).isEqualTo(ActionType.UNMUTE);
        assertThat(a.getGroupId()).isEqualTo(GROUP_A);
        assertThat(results.get(1).getActionIds()).containsExactly(a.getActionId());
      });

      assertThat(partitionCounts(gg, Set.of(
          "it-enforcement-" + GroupGuardTopology.VERDICTS_BY_MEMBER + "-repartition",
          "it-enforcement-" + GroupGuardTopology.ADMIN_COMMANDS_BY_MEMBER + "-repartition")))
          .as("verdicts and commands of a member meet in one task").containsOnly(MEMBER_PARTITIONS);
    }
  }

  private static void sendAndAwait(RunningApp gg, KeyValue<String, ChatMessage> message, String expected) {
    gg.produce(gg.topics.messages(), List.of(message));
    gg.consumeUntil(gg.topics.actions(), read -> read.stream()
        .anyMatch(r -> expected.equals(r.value().getMessageId() + ":" + r.value().getType())));
  }

  private static <V> List<V> values(List<ConsumerRecord<String, V>> records) {
    return records.stream().map(ConsumerRecord::value).toList();
  }

  private static int partitionOf(String key) {
    return Utils.toPositive(Utils.murmur2(key.getBytes(StandardCharsets.UTF_8))) % PARTITIONS;
  }

  private static List<Integer> partitionCounts(RunningApp gg, Set<String> topics) throws Exception {
    try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, KAFKA.bootstrapServers()))) {
      Map<String, TopicDescription> descriptions = admin.describeTopics(topics).allTopicNames().get();
      return descriptions.values().stream().map(d -> d.partitions().size()).toList();
    }
  }

  private static KeyValue<String, ChatMessage> message(String group, String id, Instant at, String text) {
    return KeyValue.pair(RecordKeys.group("acme", group), ChatMessage.newBuilder().setTenantId("acme").setGroupId(group)
        .setGroupOwnerId("owner-1").setMessageId(id).setSenderId("bob").setSendTime(at).setText(text).build());
  }

  private static KeyValue<String, AdminCommand> command(String id, AdminCommandType type, String group) {
    return KeyValue.pair(RecordKeys.member("acme", "bob"), AdminCommand.newBuilder().setCommandId(id).setTenantId("acme")
        .setMemberId("bob").setGroupId(group).setType(type).setOperatorId("op-1")
        .setIssuedAt(T0.plus(Duration.ofDays(2)).plusSeconds(60)).build());
  }
}
