package io.groupguard.cli;

import io.groupguard.topology.Topic;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;

/**
 * Reads every partition of one topic (no consumer-group membership, committed records only) from
 * its beginning or its end: to take a snapshot of a compacted table topic, or to follow a stream.
 */
final class TopicReader<V> implements AutoCloseable {

  private static final Duration POLL = Duration.ofMillis(200);

  private final Topic<String, V> topic;
  private final KafkaConsumer<String, V> consumer;
  private final List<TopicPartition> partitions;

  /** {@code consumerSettings} from {@link ClusterConnection#consumerSettings()}. */
  TopicReader(Map<String, Object> consumerSettings, Topic<String, V> topic, boolean fromBeginning) {
    this.topic = topic;
    this.consumer = new KafkaConsumer<>(consumerSettings, topic.keySerde().deserializer(),
        topic.valueSerde().deserializer());
    this.partitions = consumer.partitionsFor(topic.name(), Duration.ofSeconds(30)).stream()
        .map(info -> new TopicPartition(info.topic(), info.partition())).toList();
    if (partitions.isEmpty()) {
      throw new IllegalStateException("topic " + topic.name() + " does not exist; is GroupGuard deployed there?");
    }
    consumer.assign(partitions);
    if (fromBeginning) {
      consumer.seekToBeginning(partitions);
    } else {
      consumer.seekToEnd(partitions);
      partitions.forEach(consumer::position); // fix the start now: records published after this are read
    }
  }

  /** The table the topic holds now: the latest value of every key, tombstones removing keys, in arrival order. */
  static <V> Map<String, V> snapshot(Map<String, Object> consumerSettings, Topic<String, V> topic, Duration timeout) {
    try (TopicReader<V> reader = new TopicReader<>(consumerSettings, topic, true)) {
      Map<TopicPartition, Long> end = reader.consumer.endOffsets(reader.partitions);
      long deadline = System.nanoTime() + timeout.toNanos();
      Map<String, V> table = new LinkedHashMap<>();
      while (end.entrySet().stream().anyMatch(e -> reader.consumer.position(e.getKey()) < e.getValue())) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("could not read " + topic.name() + " to its end within " + timeout);
        }
        for (ConsumerRecord<String, V> record : reader.consumer.poll(POLL)) {
          table.remove(record.key());
          if (record.value() != null) {
            table.put(record.key(), record.value());
          }
        }
      }
      return table;
    }
  }

  /** Records that arrived; empty after a poll interval without any, or after {@link #wakeup()}. */
  Iterable<ConsumerRecord<String, V>> poll() {
    try {
      return consumer.poll(POLL);
    } catch (WakeupException e) {
      return List.of();
    }
  }

  /** Makes a blocked {@link #poll()} return at once; safe from another thread (e.g. a shutdown hook). */
  void wakeup() {
    consumer.wakeup();
  }

  String topicName() {
    return topic.name();
  }

  @Override
  public void close() {
    consumer.close();
  }
}
