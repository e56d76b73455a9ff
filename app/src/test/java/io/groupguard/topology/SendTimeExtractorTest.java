package io.groupguard.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.groupguard.avro.ChatMessage;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;

class SendTimeExtractorTest {

  private static final long PRODUCED = Instant.parse("2026-11-20T09:00:00Z").toEpochMilli();
  private static final long PARTITION_TIME = PRODUCED - 1_000;
  private final SendTimeExtractor extractor = new SendTimeExtractor(Duration.ofMinutes(5));

  @Test
  void aSendTimeBeforeTheRecordOrAheadWithinTheToleranceIsTheEventTime() {
    assertThat(extract(PRODUCED, message(PRODUCED - 60_000))).isEqualTo(PRODUCED - 60_000);
    assertThat(extract(PRODUCED, message(PRODUCED + 300_000))).isEqualTo(PRODUCED + 300_000);
  }

  @Test
  void aSendTimeFurtherAheadOfTheRecordIsReplacedByTheRecordTimestamp() {
    assertThat(extract(PRODUCED, message(PRODUCED + 300_001))).isEqualTo(PRODUCED);
    assertThat(extract(PRODUCED, message(Instant.parse("9999-12-31T23:59:59Z").toEpochMilli()))).isEqualTo(PRODUCED);
  }

  @Test
  void withoutARecordTimestampTheSendTimeIsTrusted() {
    assertThat(extract(-1, message(PRODUCED + 86_400_000))).isEqualTo(PRODUCED + 86_400_000);
  }

  @Test
  void unusableSendTimesAndOtherValuesFallBackToTheRecordThenThePartitionTime() {
    assertThat(extract(PRODUCED, message(-5))).isEqualTo(PRODUCED);
    assertThat(extract(PRODUCED, "not a message")).isEqualTo(PRODUCED);
    assertThat(extract(-1, message(-5))).isEqualTo(PARTITION_TIME);
    assertThat(extract(-1, null)).isEqualTo(PARTITION_TIME);
  }

  private long extract(long recordTimestamp, Object value) {
    ConsumerRecord<Object, Object> record = new ConsumerRecord<>("chat.messages", 0, 0, recordTimestamp,
        TimestampType.CREATE_TIME, 0, 0, "acme/g1", value, new RecordHeaders(), Optional.empty());
    return extractor.extract(record, PARTITION_TIME);
  }

  private static ChatMessage message(long sendTime) {
    return TopologyFixture.message("acme", "g1", "m1", "alice", "hi").setSendTime(Instant.ofEpochMilli(sendTime)).build();
  }
}
