package io.groupguard.cli;

import io.groupguard.topology.Topic;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.function.Function;
import java.util.function.ToLongFunction;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;

/** Publishes records to a GroupGuard topic with the topic's serdes, idempotently, and waits for the acks. */
final class RecordPublisher {

  private final Map<String, Object> producerConfig;

  RecordPublisher(String bootstrapServers, Map<String, Object> clientOverrides) {
    this.producerConfig = new java.util.HashMap<>(clientOverrides);
    producerConfig.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    producerConfig.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    producerConfig.put(ProducerConfig.ACKS_CONFIG, "all");
    producerConfig.put(ProducerConfig.LINGER_MS_CONFIG, 5);
  }

  /** Sends every value keyed by {@code key}, with the record timestamp from {@code timestamp}, and flushes. */
  <V> void publish(Topic<String, V> topic, List<V> values, Function<V, String> key, ToLongFunction<V> timestamp) {
    try (KafkaProducer<String, V> producer =
        new KafkaProducer<>(producerConfig, topic.keySerde().serializer(), topic.valueSerde().serializer())) {
      List<java.util.concurrent.Future<?>> acks = values.stream()
          .<java.util.concurrent.Future<?>>map(value -> producer.send(
              new ProducerRecord<>(topic.name(), null, timestamp.applyAsLong(value), key.apply(value), value)))
          .toList();
      producer.flush();
      for (var ack : acks) {
        ack.get();
      }
    } catch (ExecutionException e) {
      throw new IllegalStateException("publishing to " + topic.name() + " failed: " + e.getCause().getMessage(), e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while publishing to " + topic.name(), e);
    }
  }
}
