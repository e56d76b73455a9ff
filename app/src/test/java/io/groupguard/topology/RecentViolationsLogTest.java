package io.groupguard.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.groupguard.avro.Violation;
import io.groupguard.avro.ViolationKind;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RecentViolationsLogTest {

  private static final Serde<Violation> VIOLATIONS = Serdes.serdeFrom(
      (topic, violation) -> bytes(violation),
      (topic, bytes) -> parse(bytes));

  private final RecentViolationsLog log = new RecentViolationsLog(3, 100);
  private KeyValueStore<String, Violation> store;

  @BeforeEach
  void openStore() {
    store = Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore("recent"), Serdes.String(), VIOLATIONS)
        .withLoggingDisabled().build();
    store.init(new MockProcessorContext<>().getStateStoreContext(), store);
  }

  @Test
  void keepsTheNewestUpToTheBoundAndDeletesTheOlderOnes() {
    for (int i = 1; i <= 5; i++) {
      log.record(store, "acme/g1", violation("m" + i));
    }
    assertThat(messageIds(RecentViolationsLog.newestFirst(store, "acme/g1", 10))).containsExactly("m5", "m4", "m3");
    assertThat(messageIds(RecentViolationsLog.newestFirst(store, "acme/g1", 2))).containsExactly("m5", "m4");
    assertThat(entries()).isEqualTo(3);
  }

  @Test
  void groupsWhoseIdsExtendAnotherGroupsIdWithASlashStaySeparate() {
    for (String group : List.of("g1/x", "g1/0", "g1", "g1/1/2")) {
      log.record(store, "acme/" + group, violation(group + " first"));
      log.record(store, "acme/" + group, violation(group + " second"));
    }
    assertThat(messageIds(RecentViolationsLog.newestFirst(store, "acme/g1", 10))).containsExactly("g1 second", "g1 first");
    assertThat(messageIds(RecentViolationsLog.newestFirst(store, "acme/g1/0", 10)))
        .containsExactly("g1/0 second", "g1/0 first");
    assertThat(RecentViolationsLog.newestFirst(store, "acme/g2", 10)).isEmpty();
  }

  @Test
  void groupsBeyondTheInMemoryOnesContinueFromTheStore() {
    RecentViolationsLog oneGroupInMemory = new RecentViolationsLog(3, 1);
    for (int i = 1; i <= 4; i++) {
      oneGroupInMemory.record(store, "acme/g1", violation("g1 m" + i));
      oneGroupInMemory.record(store, "acme/g2", violation("g2 m" + i)); // pushes g1 out of memory
    }
    assertThat(messageIds(RecentViolationsLog.newestFirst(store, "acme/g1", 10))).containsExactly("g1 m4", "g1 m3", "g1 m2");
    assertThat(messageIds(RecentViolationsLog.newestFirst(store, "acme/g2", 10))).containsExactly("g2 m4", "g2 m3", "g2 m2");
    assertThat(entries()).isEqualTo(6);
  }

  @Test
  void aNewLogContinuesTheSequenceOfTheStoreItFinds() {
    log.record(store, "acme/g1", violation("m1"));
    log.record(store, "acme/g1", violation("m2"));
    RecentViolationsLog afterRestart = new RecentViolationsLog(3, 100);
    afterRestart.record(store, "acme/g1", violation("m3"));
    afterRestart.record(store, "acme/g1", violation("m4"));
    assertThat(messageIds(RecentViolationsLog.newestFirst(store, "acme/g1", 10))).containsExactly("m4", "m3", "m2");
    assertThat(entries()).isEqualTo(3);
  }

  @Test
  void sequenceKeysSortNewestFirstAcrossDigitCounts() {
    assertThat(RecentViolationsLog.key("acme/g1", 10)).isLessThan(RecentViolationsLog.key("acme/g1", 9));
    assertThat(RecentViolationsLog.key("acme/g1", 0)).hasSize("acme/g1/".length() + 19);
  }

  private int entries() {
    int count = 0;
    try (KeyValueIterator<String, Violation> all = store.all()) {
      while (all.hasNext()) {
        all.next();
        count++;
      }
    }
    return count;
  }

  private static List<String> messageIds(List<Violation> violations) {
    List<String> ids = new ArrayList<>();
    violations.forEach(violation -> ids.add(violation.getMessageId()));
    return ids;
  }

  private static Violation violation(String messageId) {
    return Violation.newBuilder().setViolationId("v-" + messageId).setTenantId("acme").setGroupId("g")
        .setMessageId(messageId).setMemberId("bob").setKind(ViolationKind.KEYWORD).setDetail("d")
        .setEventTime(Instant.EPOCH).setDetectedAt(Instant.EPOCH).build();
  }

  private static byte[] bytes(Violation violation) {
    try {
      ByteBuffer buffer = violation.toByteBuffer();
      byte[] bytes = new byte[buffer.remaining()];
      buffer.get(bytes);
      return bytes;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Violation parse(byte[] bytes) {
    try {
      return Violation.fromByteBuffer(ByteBuffer.wrap(bytes));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
