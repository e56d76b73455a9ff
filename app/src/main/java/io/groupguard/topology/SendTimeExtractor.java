package io.groupguard.topology;

import io.groupguard.avro.ChatMessage;
import java.time.Duration;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.streams.processor.TimestampExtractor;

/**
 * Event time of a chat message is when the member sent it, not when it reached Kafka, so that rate,
 * duplicate and flood windows measure what members did.
 *
 * <p>A member cannot send a message after the platform produced it, so a sendTime more than {@code maxAhead}
 * after the record's own timestamp comes from a wrong (or forged) client clock. Trusting it would push the
 * partition's stream time ahead and make every honest message after it "late" for the limits, start strikes
 * and mutes that never expire, and stamp output records so far in the future that the broker rejects them
 * ({@code message.timestamp.after.max.ms}, one hour by default), which fails the stream thread. Such a message
 * is judged at its record timestamp instead. The tolerance is the limits' grace: a message ahead by at most
 * that much cannot make an on-time one late. Records without a usable sendTime keep their own timestamp, or
 * the partition's time when that is unusable too.
 */
final class SendTimeExtractor implements TimestampExtractor {

  private final long maxAheadMs;

  SendTimeExtractor(Duration maxAhead) {
    this.maxAheadMs = maxAhead.toMillis();
  }

  @Override
  public long extract(ConsumerRecord<Object, Object> record, long partitionTime) {
    long recordTime = record.timestamp();
    if (record.value() instanceof ChatMessage message && message.getSendTime() != null) {
      long sendTime = message.getSendTime().toEpochMilli();
      if (sendTime >= 0 && (recordTime < 0 || sendTime - recordTime <= maxAheadMs)) {
        return sendTime;
      }
    }
    return recordTime >= 0 ? recordTime : partitionTime;
  }
}
