package io.groupguard.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.groupguard.avro.ActionType;
import io.groupguard.avro.BlacklistEntry;
import io.groupguard.avro.BlacklistScope;
import io.groupguard.avro.ChatMessage;
import io.groupguard.avro.Keyword;
import io.groupguard.avro.KeywordMatch;
import io.groupguard.avro.ModerationAction;
import io.groupguard.avro.ModerationRule;
import io.groupguard.avro.Violation;
import io.groupguard.avro.ViolationKind;
import io.groupguard.config.GroupGuardConfig;
import io.groupguard.rules.BlacklistKey;
import io.groupguard.rules.TestRules;
import io.groupguard.testing.KafkaTestCluster;
import io.groupguard.topology.GroupGuardTopology;
import io.groupguard.topology.RecordKeys;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.internals.ExceptionHandlerUtils;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The moderation slice on a real KRaft broker, Avro in the Confluent wire format through a registry. */
class ModerationIT {

  @RegisterExtension
  static final KafkaTestCluster KAFKA = new KafkaTestCluster();

  private static final Instant T0 = Instant.parse("2026-11-20T09:00:00Z");

  @Test
  void moderatesMessagesAndSendsCorruptInputToTheDeadLetterTopic() throws Exception {
    try (RunningApp gg = new RunningApp(KAFKA, "moderation", Map.of())) {
      ModerationRule rule = TestRules.validRule("acme", "no-insults").setName("No insults")
          .setKeywords(List.of(new Keyword("idiot", KeywordMatch.AUTO), new Keyword("骗子", KeywordMatch.AUTO))).build();
      gg.produce(gg.topics.rules(), List.of(KeyValue.pair(RecordKeys.rule("acme", "no-insults"), rule)));
      String blacklistKey = new BlacklistKey("acme", BlacklistScope.ENTERPRISE, null, "spammer").format();
      gg.produce(gg.topics.blacklist(), List.of(KeyValue.pair(blacklistKey, BlacklistEntry.newBuilder()
          .setTenantId("acme").setScope(BlacklistScope.ENTERPRISE).setMemberId("spammer").setAddedAt(T0).build())));
      gg.awaitInStore(GroupGuardTopology.RULES_IN_FORCE_STORE, "acme/no-insults");
      gg.awaitInStore(GroupGuardTopology.BLACKLIST_IN_FORCE_STORE, blacklistKey);

      gg.produce(gg.topics.messages(), List.of(
          message("g1", "m1", "alice", "good morning"),
          message("g1", "m2", "bob", "you idiot"),
          message("g2", "m3", "carol", "他是骗子")));
      KAFKA.produce(gg.topics.messages().name(), new StringSerializer(), new ByteArraySerializer(),
          List.of(KeyValue.pair("acme/g1", new byte[] {0, 0, 0, 0, 42, 1, 2, 3}), KeyValue.pair("acme/g1", "garbage".getBytes(StandardCharsets.UTF_8))));
      gg.produce(gg.topics.messages(), List.of(
          message("g1", "m4", "dave", "idiot again"),
          message("g3", "m5", "spammer", "buy now")));

      List<ConsumerRecord<String, Violation>> violations = gg.consumeUntil(gg.topics.violations(), read -> read.size() >= 4);
      assertThat(violations).extracting(r -> r.value().getMessageId()).containsExactlyInAnyOrder("m2", "m3", "m4", "m5");
      assertThat(violations).filteredOn(r -> r.value().getMessageId().equals("m3")).singleElement()
          .satisfies(r -> assertThat(r.value().getEvidence()).isEqualTo("骗子"));
      assertThat(violations).filteredOn(r -> r.value().getMessageId().equals("m5")).singleElement()
          .satisfies(r -> assertThat(r.value().getKind()).isEqualTo(ViolationKind.BLACKLISTED_SENDER));

      List<ConsumerRecord<String, ModerationAction>> actions = gg.consumeUntil(gg.topics.actions(), read -> read.size() >= 8);
      assertThat(actions).extracting(r -> r.value().getMessageId() + ":" + r.value().getType())
          .containsExactlyInAnyOrder("m2:DELETE_MESSAGE", "m2:WARN", "m3:DELETE_MESSAGE", "m3:WARN",
              "m4:DELETE_MESSAGE", "m4:WARN", "m5:DELETE_MESSAGE", "m5:KICK");
      assertThat(actions).extracting(r -> r.value().getActionId()).doesNotHaveDuplicates();
      assertThat(actions).filteredOn(r -> r.value().getType() == ActionType.KICK).singleElement()
          .satisfies(r -> assertThat(r.key()).isEqualTo("acme/spammer"));

      List<ConsumerRecord<byte[], byte[]>> deadLetters = KAFKA.consumeUntil(gg.topics.deadLetters().name(),
          new ByteArrayDeserializer(), new ByteArrayDeserializer(), read -> read.size() >= 2, RunningApp.TIMEOUT);
      assertThat(deadLetters).allSatisfy(record -> {
        assertThat(header(record, ExceptionHandlerUtils.HEADER_ERRORS_TOPIC_NAME)).isEqualTo(gg.topics.messages().name());
        assertThat(header(record, ExceptionHandlerUtils.HEADER_ERRORS_EXCEPTION_MESSAGE_NAME)).isNotBlank();
      });
      assertThat(deadLetters).extracting(record -> header(record, ExceptionHandlerUtils.HEADER_ERRORS_EXCEPTION_MESSAGE_NAME))
          .anySatisfy(reason -> assertThat(reason).contains("42"));
    }
  }

  /**
   * A kill -9 while Kafka Streams wipes or creates a store can leave a RocksDB directory without its CURRENT
   * file next to a WAL file; Kafka Streams 4.3.1 then fails to open it at startup and gives up. GroupGuard
   * must instead drop its local state and restore it from the changelogs.
   */
  @Test
  void startsAgainAfterACrashLeftAStoreHalfWritten() throws Exception {
    // The stopped member is noticed after 6 s instead of 45 s.
    try (RunningApp gg = new RunningApp(KAFKA, "half-written-store", Map.of(
        GroupGuardConfig.KAFKA_PREFIX + StreamsConfig.mainConsumerPrefix(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG), 6000,
        GroupGuardConfig.KAFKA_PREFIX + StreamsConfig.mainConsumerPrefix(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG), 1500))) {
      ModerationRule rule = TestRules.validRule("acme", "no-insults")
          .setKeywords(List.of(new Keyword("idiot", KeywordMatch.AUTO))).build();
      gg.produce(gg.topics.rules(), List.of(KeyValue.pair(RecordKeys.rule("acme", "no-insults"), rule)));
      gg.awaitInStore(GroupGuardTopology.RULES_IN_FORCE_STORE, "acme/no-insults");
      gg.produce(gg.topics.messages(), List.of(message("g1", "m1", "bob", "you idiot")));
      gg.consumeUntil(gg.topics.violations(), read -> read.size() >= 1);

      gg.restart(() -> {
        Path store = storeDirectories(gg, GroupGuardTopology.MEMBER_STANDING_STORE).stream()
            .filter(directory -> Files.exists(directory.resolve("CURRENT"))).findFirst().orElseThrow();
        Files.delete(store.resolve("CURRENT"));
        try (Stream<Path> files = Files.list(store)) {
          assertThat(files.map(file -> file.getFileName().toString())).as("files left in %s", store)
              .anyMatch(name -> name.endsWith(".log"));
        }
      });
      gg.produce(gg.topics.messages(), List.of(message("g1", "m2", "bob", "idiot again")));
      assertThat(gg.consumeUntil(gg.topics.violations(), read -> read.size() >= 2))
          .extracting(r -> r.value().getMessageId()).contains("m1", "m2");
    }
  }

  private static List<Path> storeDirectories(RunningApp gg, String storeName) throws IOException {
    try (Stream<Path> paths = Files.walk(Path.of(gg.config.getString(GroupGuardConfig.STATE_DIR)))) {
      return paths.filter(path -> path.getFileName().toString().equals(storeName) && Files.isDirectory(path)).toList();
    }
  }

  private static KeyValue<String, ChatMessage> message(String group, String id, String sender, String text) {
    return KeyValue.pair(RecordKeys.group("acme", group), ChatMessage.newBuilder()
        .setTenantId("acme").setGroupId(group).setGroupOwnerId("owner-1").setMessageId(id).setSenderId(sender)
        .setSendTime(T0).setText(text).build());
  }

  private static String header(ConsumerRecord<?, ?> record, String name) {
    var header = record.headers().lastHeader(name);
    return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
  }
}
