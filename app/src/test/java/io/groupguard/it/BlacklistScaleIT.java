package io.groupguard.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.groupguard.avro.BlacklistEntry;
import io.groupguard.avro.BlacklistScope;
import io.groupguard.avro.ChatMessage;
import io.groupguard.avro.Violation;
import io.groupguard.avro.ViolationKind;
import io.groupguard.rules.BlacklistKey;
import io.groupguard.testing.KafkaTestCluster;
import io.groupguard.topology.GroupGuardTopology;
import io.groupguard.topology.RecordKeys;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Two million enterprise blacklist entries of one tenant (the product's limit) go through the
 * blacklist topic, validation and the in-force topic into every instance's global RocksDB
 * store; lookups are checked, the application restarts, and they are checked again. Runs in a
 * Failsafe execution of its own with the heap capped at 1 GB (see app/pom.xml), which holds
 * the broker, the producer and GroupGuard together.
 */
class BlacklistScaleIT {

  @RegisterExtension
  static final KafkaTestCluster KAFKA = new KafkaTestCluster();

  private static final int ENTRIES = Integer.getInteger("groupguard.scale.entries", 2_000_000);
  private static final String TENANT = "scale";
  private static final Instant ADDED = Instant.parse("2026-11-01T00:00:00Z");

  @Test
  void twoMillionEntriesAreLookedUpBeforeAndAfterARestart() throws Exception {
    try (RunningApp gg = new RunningApp(KAFKA, "scale", Map.of())) {
      long started = System.nanoTime();
      publishEntries(gg);
      System.out.printf("BlacklistScaleIT: %,d entries published in %d s%n", ENTRIES, (System.nanoTime() - started) / 1_000_000_000L);
      // The last entries produced are the last of every partition: once they are in, all are.
      RunningApp.await(ENTRIES + " entries in force", () -> lastEntriesPresent(gg, 3_000), Duration.ofMinutes(10));
      System.out.printf("BlacklistScaleIT: %,d entries in force after %d s; heap max %d MiB%n", ENTRIES,
          (System.nanoTime() - started) / 1_000_000_000L, Runtime.getRuntime().maxMemory() >> 20);

      assertLookups(gg);
      assertBlacklistedSenderIsCaught(gg, "m-before");

      long restarting = System.nanoTime();
      gg.restart();
      System.out.printf("BlacklistScaleIT: restarted and running after %d s%n", (System.nanoTime() - restarting) / 1_000_000_000L);
      assertLookups(gg);
      assertBlacklistedSenderIsCaught(gg, "m-after");
    }
  }

  /** Streams the entries to the topic; the test never holds them all. */
  private static void publishEntries(RunningApp gg) {
    Map<String, Object> config = Map.of(
        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KAFKA.bootstrapServers(),
        ProducerConfig.LINGER_MS_CONFIG, 20,
        ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024,
        ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
    var topic = gg.topics.blacklist();
    try (KafkaProducer<String, BlacklistEntry> producer =
        new KafkaProducer<>(config, topic.keySerde().serializer(), topic.valueSerde().serializer())) {
      for (int i = 0; i < ENTRIES; i++) {
        BlacklistEntry entry = BlacklistEntry.newBuilder().setTenantId(TENANT).setScope(BlacklistScope.ENTERPRISE)
            .setMemberId(member(i)).setAddedAt(ADDED).build();
        producer.send(new ProducerRecord<>(topic.name(), key(i), entry));
      }
      producer.flush();
    }
  }

  private static boolean lastEntriesPresent(RunningApp gg, int count) {
    ReadOnlyKeyValueStore<String, BlacklistEntry> store = blacklistStore(gg);
    for (int i = ENTRIES - count; i < ENTRIES; i++) {
      if (store.get(key(i)) == null) {
        return false;
      }
    }
    return true;
  }

  private static void assertLookups(RunningApp gg) {
    ReadOnlyKeyValueStore<String, BlacklistEntry> store = blacklistStore(gg);
    SplittableRandom random = new SplittableRandom(7);
    for (int probe = 0; probe < 10_000; probe++) {
      int i = random.nextInt(ENTRIES);
      assertThat(store.get(key(i))).as("entry %d", i).isNotNull()
          .satisfies(entry -> assertThat(entry.getMemberId()).isEqualTo(member(i)));
      assertThat(store.get(key(ENTRIES + i))).as("absent entry %d", ENTRIES + i).isNull();
    }
  }

  private static void assertBlacklistedSenderIsCaught(RunningApp gg, String messageId) {
    int blacklisted = ENTRIES / 2;
    gg.produce(gg.topics.messages(), List.of(KeyValue.pair(RecordKeys.group(TENANT, "g1"), ChatMessage.newBuilder()
        .setTenantId(TENANT).setGroupId("g1").setMessageId(messageId).setSenderId(member(blacklisted))
        .setSendTime(Instant.now()).setText("hello").build())));
    List<ConsumerRecord<String, Violation>> violations = gg.consumeUntil(gg.topics.violations(),
        read -> read.stream().anyMatch(r -> messageId.equals(r.value().getMessageId())));
    assertThat(violations).filteredOn(r -> messageId.equals(r.value().getMessageId())).singleElement()
        .satisfies(r -> assertThat(r.value().getKind()).isEqualTo(ViolationKind.BLACKLISTED_SENDER));
  }

  private static ReadOnlyKeyValueStore<String, BlacklistEntry> blacklistStore(RunningApp gg) {
    return gg.app.streams().store(StoreQueryParameters.fromNameAndType(GroupGuardTopology.BLACKLIST_IN_FORCE_STORE,
        QueryableStoreTypes.keyValueStore()));
  }

  private static String member(int i) {
    return "member-" + i;
  }

  private static String key(int i) {
    return BlacklistKey.enterprise(TENANT, member(i)).format();
  }
}
