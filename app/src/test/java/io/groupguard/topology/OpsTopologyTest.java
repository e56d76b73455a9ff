package io.groupguard.topology;

import static io.groupguard.topology.TopologyFixture.message;
import static org.assertj.core.api.Assertions.assertThat;

import io.groupguard.avro.ChatMessage;
import io.groupguard.avro.Keyword;
import io.groupguard.avro.KeywordMatch;
import io.groupguard.avro.Violation;
import io.groupguard.avro.ViolationCount;
import io.groupguard.avro.ViolationKind;
import io.groupguard.config.GroupGuardConfig;
import io.groupguard.rules.TestRules;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The analysts' hourly counts, the recent-violations store and the domain metrics, in TopologyTestDriver. */
class OpsTopologyTest {

  private static final Instant HOUR = Instant.parse("2026-11-20T09:00:00Z");
  private static final Duration GRACE = Duration.ofMinutes(1);

  private TopologyFixture fixture;

  @BeforeEach
  void start() throws Exception {
    fixture = new TopologyFixture(Map.of(GroupGuardConfig.VIOLATION_COUNTS_GRACE_MS, GRACE.toMillis()));
    fixture.putRule(TestRules.validRule("acme", "insults").setName("No insults")
        .setKeywords(List.of(new Keyword("idiot", KeywordMatch.AUTO))).build());
    fixture.putRule(TestRules.validRule("acme", "scams").setName("No scams")
        .setKeywords(List.of(new Keyword("scam", KeywordMatch.AUTO))).build());
  }

  @AfterEach
  void stop() {
    fixture.close();
  }

  @Test
  void hourlyCountsAreEmittedOnlyOnceTheWindowAndItsGraceHavePassed() {
    sendAt(HOUR.plusSeconds(60), "g1", "m1", "you idiot");
    sendAt(HOUR.plusSeconds(120), "g1", "m2", "idiot again");
    sendAt(HOUR.plusSeconds(180), "g1", "m3", "a scam");
    sendAt(HOUR.plusSeconds(240), "g2", "m4", "idiot");
    sendAt(HOUR.plusSeconds(3600 + 30), "g1", "m5", "next hour idiot");
    sendAt(HOUR.plusSeconds(3599), "g1", "m6", "late but within grace: idiot");
    assertThat(fixture.violationCounts.readRecordsToList()).as("nothing before the grace has passed").isEmpty();

    sendAt(HOUR.plusSeconds(3600).plus(GRACE), "g2", "m7", "closes the first hour: scam");

    List<TestRecord<String, ViolationCount>> counts = fixture.violationCounts.readRecordsToList();
    assertThat(counts).extracting(r -> r.key() + " " + r.value().getKind() + " " + r.value().getRuleId() + " "
            + r.value().getCount())
        .containsExactlyInAnyOrder("acme/g1 KEYWORD insults 3", "acme/g1 KEYWORD scams 1", "acme/g2 KEYWORD insults 1");
    assertThat(counts).allSatisfy(r -> {
      assertThat(r.value().getTenantId()).isEqualTo("acme");
      assertThat(r.value().getWindowStart()).isEqualTo(HOUR);
      assertThat(r.value().getWindowEnd()).isEqualTo(HOUR.plusSeconds(3600));
    });

    sendAt(HOUR.plusSeconds(3600).plus(GRACE).plusSeconds(1), "g2", "m8", "idiot");
    assertThat(fixture.violationCounts.readRecordsToList()).as("each window is emitted once").isEmpty();
  }

  @Test
  void recentViolationsKeepTheLatestFiftyPerGroupNewestFirst() {
    for (int i = 1; i <= 55; i++) {
      sendAt(HOUR.plusSeconds(i), "g1", "m" + i, "idiot number " + i);
    }
    sendAt(HOUR.plusSeconds(100), "g2", "other", "scam");

    KeyValueStore<String, Violation> store = fixture.driver.getKeyValueStore(GroupGuardTopology.RECENT_VIOLATIONS_STORE);
    List<Violation> g1 = RecentViolationsLog.newestFirst(store, "acme/g1", Integer.MAX_VALUE);
    assertThat(g1).hasSize(GroupGuardTopology.RECENT_VIOLATIONS_PER_GROUP);
    assertThat(g1.get(0).getMessageId()).isEqualTo("m55");
    assertThat(g1.get(g1.size() - 1).getMessageId()).isEqualTo("m6");
    try (var all = store.all()) {
      assertThat(all).toIterable().as("the oldest entries are deleted, not just hidden")
          .hasSize(GroupGuardTopology.RECENT_VIOLATIONS_PER_GROUP + 1);
    }
    assertThat(RecentViolationsLog.newestFirst(store, "acme/g2", Integer.MAX_VALUE)).extracting(Violation::getMessageId)
        .containsExactly("other");
  }

  @Test
  void evaluationsViolationsActionsRejectionsAndDeadLettersAreCounted() {
    sendAt(HOUR, "g1", "m1", "hello");
    sendAt(HOUR, "g1", "m2", "you idiot");
    fixture.putRule(TestRules.validRule("acme", "broken").setVersion(-1).build());
    fixture.rawMessages.pipeInput("acme/g1", "not avro".getBytes(StandardCharsets.UTF_8));

    MeterRegistry registry = fixture.metrics.registry();
    assertThat(registry.get("groupguard.messages.evaluated").counter().count()).isEqualTo(2);
    assertThat(registry.get("groupguard.evaluation").timer().count()).isEqualTo(2);
    assertThat(registry.get("groupguard.decision.lag").timer().count()).isEqualTo(2);
    assertThat(registry.get("groupguard.violations").tags("kind", ViolationKind.KEYWORD.name(), "shadow", "false")
        .counter().count()).isEqualTo(1);
    assertThat(registry.get("groupguard.actions").tag("type", "DELETE_MESSAGE").counter().count()).isEqualTo(1);
    assertThat(registry.get("groupguard.config.rejections").tag("topic", fixture.topics.rules().name()).counter().count())
        .isEqualTo(1);
    assertThat(registry.get("groupguard.dead.letters").counter().count()).isEqualTo(1);
    assertThat(fixture.deadLetters.readRecordsToList()).hasSize(1);
  }

  /** Sends at an event and record time; the wall clock moves past the once-a-second check of closed windows. */
  /** Each message from its own member, so that escalation (mutes) does not change what is counted. */
  private void sendAt(Instant time, String group, String messageId, String text) {
    fixture.driver.advanceWallClockTime(Duration.ofSeconds(2));
    ChatMessage message = message("acme", group, messageId, "member-" + messageId, text).setSendTime(time).build();
    fixture.messages.pipeInput(RecordKeys.group("acme", group), message, time);
  }
}
