package io.groupguard.topology;

import io.groupguard.avro.ChatMessage;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.streams.processor.TimestampExtractor;

/**
 * Event time of a chat message is when the member sent it, not when it reached Kafka, so that rate,
 * duplicate and flood windows measure what members did. Records without a usable sendTime keep their own
 * timestamp, or the partition's time when that is unusable too.
 */
final class SendTimeExtractor implements TimestampExtractor {

  @Override
  public long extract(ConsumerRecord<Object, Object> record, long partitionTime) {
    if (record.value() instanceof ChatMessage message && message.getSendTime() != null
        && message.getSendTime().toEpochMilli() >= 0) {
      return message.getSendTime().toEpochMilli();
    }
    return record.timestamp() >= 0 ? record.timestamp() : partitionTime;
  }
}
