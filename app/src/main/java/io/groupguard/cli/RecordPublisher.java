package io.groupguard.cli;

import io.groupguard.topology.Topic;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.function.ToLongFunction;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Publishes records to GroupGuard topics with each topic's serdes, through one idempotent
 * producer. Sends are asynchronous (the producer batches them and blocks when its buffer is
 * full, so memory stays bounded however many are sent); {@link #flush()} waits for every
 * acknowledgement and reports the first failure.
 */
public final class RecordPublisher implements AutoCloseable {

  private final KafkaProducer<byte[], byte[]> producer;
  private final AtomicLong acknowledged = new AtomicLong();
  private final AtomicReference<Exception> firstFailure = new AtomicReference<>();

  public RecordPublisher(String bootstrapServers, Map<String, Object> clientOverrides) {
    this(withBootstrap(bootstrapServers, clientOverrides));
  }

  /** {@code producerSettings} as from {@link ClusterConnection#producerSettings}: bootstrap servers and client settings. */
  public RecordPublisher(Map<String, Object> producerSettings) {
    Map<String, Object> config = new HashMap<>(producerSettings);
    config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    config.put(ProducerConfig.ACKS_CONFIG, "all");
    config.putIfAbsent(ProducerConfig.LINGER_MS_CONFIG, 5);
    // Large batches and compression make bulk loads (millions of blacklist entries) network-cheap.
    config.putIfAbsent(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
    config.putIfAbsent(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
    this.producer = new KafkaProducer<>(config, new ByteArraySerializer(), new ByteArraySerializer());
  }

  private static Map<String, Object> withBootstrap(String bootstrapServers, Map<String, Object> clientOverrides) {
    Map<String, Object> config = new HashMap<>(clientOverrides);
    config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    return config;
  }

  /** Publishes every value with a publisher of its own and waits for the acknowledgements. */
  public static <V> void publishAll(Map<String, Object> producerSettings, Topic<String, V> topic, List<V> values,
      Function<V, String> key, ToLongFunction<V> timestamp) {
    try (RecordPublisher publisher = new RecordPublisher(producerSettings)) {
      publisher.publish(topic, values, key, timestamp);
    }
  }

  /** Sends one record asynchronously; a null value is a tombstone; a failure surfaces at the next {@link #flush()}. */
  public <V> void send(Topic<String, V> topic, String key, V value, long timestamp) {
    failIfAnySendFailed();
    byte[] keyBytes = topic.keySerde().serializer().serialize(topic.name(), key);
    byte[] valueBytes = value == null ? null : topic.valueSerde().serializer().serialize(topic.name(), value);
    producer.send(new ProducerRecord<>(topic.name(), null, timestamp, keyBytes, valueBytes), (metadata, error) -> {
      if (error == null) {
        acknowledged.incrementAndGet();
      } else {
        firstFailure.compareAndSet(null, error);
      }
    });
  }

  /** Sends every value keyed by {@code key}, with the record timestamp from {@code timestamp}, and flushes. */
  public <V> void publish(Topic<String, V> topic, List<V> values, Function<V, String> key, ToLongFunction<V> timestamp) {
    publish(topic, values.iterator(), key, timestamp);
  }

  /** Like {@link #publish(Topic, List, Function, ToLongFunction)} for values produced on the fly; returns how many. */
  public <V> long publish(Topic<String, V> topic, Iterator<V> values, Function<V, String> key, ToLongFunction<V> timestamp) {
    long count = 0;
    while (values.hasNext()) {
      V value = values.next();
      send(topic, key.apply(value), value, timestamp.applyAsLong(value));
      count++;
    }
    flush();
    return count;
  }

  /** Records the broker acknowledged so far. */
  public long acknowledged() {
    return acknowledged.get();
  }

  /** Waits until every record sent so far is acknowledged; throws if any send failed. */
  public void flush() {
    producer.flush();
    failIfAnySendFailed();
  }

  private void failIfAnySendFailed() {
    Exception failure = firstFailure.get();
    if (failure != null) {
      throw new IllegalStateException("publishing failed: " + failure.getMessage(), failure);
    }
  }

  @Override
  public void close() {
    producer.close();
  }
}
