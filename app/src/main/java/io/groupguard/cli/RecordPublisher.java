package io.groupguard.cli;

import io.groupguard.topology.Topic;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.function.ToLongFunction;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Publishes records to one GroupGuard topic with the topic's serdes. Sends are asynchronous (the
 * producer batches them and blocks when its buffer is full, so memory stays bounded however many
 * are sent); {@link #flush()} waits for every acknowledgement and reports the first failure.
 */
final class RecordPublisher<V> implements AutoCloseable {

  private final Topic<String, V> topic;
  private final KafkaProducer<String, V> producer;
  private final AtomicLong acknowledged = new AtomicLong();
  private final AtomicReference<Exception> firstFailure = new AtomicReference<>();

  /** {@code producerSettings} from {@link ClusterConnection#producerSettings}. */
  RecordPublisher(Map<String, Object> producerSettings, Topic<String, V> topic) {
    this.topic = topic;
    this.producer = new KafkaProducer<>(producerSettings, topic.keySerde().serializer(), topic.valueSerde().serializer());
  }

  /** Sends every value keyed by {@code key}, with the record timestamp from {@code timestamp}, and waits for the acks. */
  static <V> void publishAll(Map<String, Object> producerSettings, Topic<String, V> topic, List<V> values,
      Function<V, String> key, ToLongFunction<V> timestamp) {
    try (RecordPublisher<V> publisher = new RecordPublisher<>(producerSettings, topic)) {
      values.forEach(value -> publisher.send(key.apply(value), value, timestamp.applyAsLong(value)));
      publisher.flush();
    }
  }

  /** Sends asynchronously; a null value is a tombstone. Fails fast when an earlier send failed. */
  void send(String key, V value, long timestamp) {
    throwIfFailed();
    producer.send(new ProducerRecord<>(topic.name(), null, timestamp, key, value), (metadata, error) -> {
      if (error == null) {
        acknowledged.incrementAndGet();
      } else {
        firstFailure.compareAndSet(null, error);
      }
    });
  }

  /** Records the broker acknowledged so far. */
  long acknowledged() {
    return acknowledged.get();
  }

  /** Waits until every record sent is acknowledged; throws if any failed. */
  void flush() {
    producer.flush();
    throwIfFailed();
  }

  private void throwIfFailed() {
    Exception failure = firstFailure.get();
    if (failure != null) {
      throw new IllegalStateException("publishing to " + topic.name() + " failed: " + failure.getMessage(), failure);
    }
  }

  @Override
  public void close() {
    producer.close();
  }
}
