package io.groupguard.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.groupguard.avro.ActionType;
import io.groupguard.avro.ChatMessage;
import io.groupguard.avro.ModerationRule;
import io.groupguard.avro.RateLimit;
import io.groupguard.avro.Violation;
import io.groupguard.rules.TestRules;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Odd but readable input through the whole topology: decided like any other message, quickly. */
class BadInputTopologyTest {

  private static final ModerationRule RULE = TestRules.validRule("acme", "insults")
      .setKeywords(List.of(TestRules.keyword("idiot"), TestRules.keyword("骗子"))).build();

  private TopologyFixture fixture;

  @BeforeEach
  void start() throws Exception {
    fixture = new TopologyFixture();
    fixture.putRule(RULE);
  }

  @AfterEach
  void stop() {
    fixture.close();
  }

  @Test
  void aMegabyteOfTextIsModeratedInWellUnderASecond() {
    String chat = "早上好 good morning ";
    String text = chat.repeat(1_048_576 / chat.length() + 1) + "骗子";
    ChatMessage warmUp = TopologyFixture.message("acme", "g1", "m0", "alice", "hello").build();
    fixture.send(warmUp); // compiles the tenant's rules outside the measurement

    long start = System.nanoTime();
    fixture.send(TopologyFixture.message("acme", "g1", "m1", "alice", text).build());
    long millis = (System.nanoTime() - start) / 1_000_000;

    assertThat(text.length()).isGreaterThan(1_048_576);
    assertThat(fixture.violations.readValuesToList()).singleElement()
        .satisfies(v -> assertThat(v.getEvidence()).isEqualTo("骗子"));
    assertThat(millis).as("milliseconds for 1 MB of text").isLessThan(1_000);
  }

  @Test
  void recordTimestampsAndSendTimesFarInTheFutureOrPastAreDecided() {
    long farFuture = Instant.parse("9999-12-31T23:59:59Z").toEpochMilli();
    fixture.messages.pipeInput(new TestRecord<>("acme/g1",
        TopologyFixture.message("acme", "g1", "m-future", "alice", "idiot").setSendTime(Instant.ofEpochMilli(farFuture)).build(),
        Instant.ofEpochMilli(farFuture)));
    fixture.messages.pipeInput(new TestRecord<>("acme/g1",
        TopologyFixture.message("acme", "g1", "m-past", "bob", "idiot").setSendTime(Instant.EPOCH).build(), Instant.EPOCH));
    fixture.send(TopologyFixture.message("acme", "g1", "m-now", "carol", "idiot").build());

    assertThat(fixture.violations.readValuesToList()).extracting(Violation::getMessageId)
        .containsExactly("m-future", "m-past", "m-now");
    assertThat(fixture.actions.readValuesToList()).extracting(a -> a.getMessageId() + ":" + a.getType())
        .contains("m-future:" + ActionType.WARN, "m-past:" + ActionType.WARN, "m-now:" + ActionType.WARN);
  }

  @Test
  void aSendTimeFarAheadOfItsRecordIsJudgedAtTheRecordTimeAndDelaysNoLaterMessage() {
    fixture.putRule(TestRules.validRule("acme", "slow-down").setKeywords(List.of()).setRateLimit(new RateLimit(2, 60)).build());
    Instant produced = TopologyFixture.START;
    fixture.messages.pipeInput(new TestRecord<>("acme/g1", TopologyFixture.message("acme", "g1", "m-ahead", "bob", "idiot")
        .setSendTime(produced.plus(Duration.ofDays(365))).build(), produced));
    List.of("m1", "m2", "m3").forEach(id -> fixture.send(TopologyFixture.message("acme", "g1", id, "alice", "hello")
        .setSendTime(produced.plusSeconds(1)).build()));

    List<Violation> violations = fixture.violations.readValuesToList();
    assertThat(violations).extracting(v -> v.getMessageId() + ":" + v.getKind())
        .as("the third message within 60 s breaks the rate limit: it is not late behind the sendTime a year ahead")
        .containsExactly("m-ahead:KEYWORD", "m3:RATE_LIMIT");
    assertThat(violations.get(0).getEventTime()).isEqualTo(produced);
    assertThat(fixture.actions.readValuesToList()).filteredOn(a -> a.getMessageId().equals("m-ahead"))
        .allSatisfy(a -> assertThat(a.getEventTime()).isEqualTo(produced));
  }

  @Test
  void aMessageWithoutKeyIsDecided() {
    fixture.messages.pipeInput(null, TopologyFixture.message("acme", "g1", "m1", "alice", "idiot").build());

    assertThat(fixture.violations.readValuesToList()).extracting(Violation::getMessageId).containsExactly("m1");
    assertThat(fixture.actions.readKeyValuesToList()).extracting(kv -> kv.key).containsOnly("acme/alice");
  }
}
