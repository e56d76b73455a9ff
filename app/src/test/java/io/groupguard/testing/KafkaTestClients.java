package io.groupguard.testing;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.streams.KeyValue;

/** Producing and reading helpers for integration tests, bound to one cluster's bootstrap servers. */
public final class KafkaTestClients {

  private static final Duration POLL_TIMEOUT = Duration.ofMillis(100);

  private final String bootstrapServers;

  public KafkaTestClients(String bootstrapServers) {
    this.bootstrapServers = bootstrapServers;
  }

  /** Writes the records in order with an idempotent producer and waits until all are acknowledged. */
  public <K, V> void produce(
      String topic, Serializer<K> keySerializer, Serializer<V> valueSerializer, List<KeyValue<K, V>> records) {
    Map<String, Object> config = Map.of(
        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
        ProducerConfig.ACKS_CONFIG, "all",
        ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    try (KafkaProducer<K, V> producer = new KafkaProducer<>(config, keySerializer, valueSerializer)) {
      List<Future<RecordMetadata>> sends = new ArrayList<>();
      for (KeyValue<K, V> record : records) {
        sends.add(producer.send(new ProducerRecord<>(topic, record.key, record.value)));
      }
      producer.flush();
      for (Future<RecordMetadata> send : sends) {
        send.get();
      }
    } catch (ExecutionException e) {
      throw new AssertionError("Producing to " + topic + " failed", e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("Interrupted while producing to " + topic, e);
    }
  }

  /** How {@link #produceTransaction} ends its transaction. */
  public enum TransactionOutcome { COMMIT, ABORT }

  /**
   * Writes the records in one transaction and then commits or aborts it, as an exactly-once
   * upstream application would. Reusing a {@code transactionalId} across calls is fine: each call
   * fences the previous, already closed producer.
   */
  public <K, V> void produceTransaction(
      String topic,
      String transactionalId,
      Serializer<K> keySerializer,
      Serializer<V> valueSerializer,
      List<KeyValue<K, V>> records,
      TransactionOutcome outcome) {
    Map<String, Object> config = Map.of(
        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
        ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId);
    try (KafkaProducer<K, V> producer = new KafkaProducer<>(config, keySerializer, valueSerializer)) {
      producer.initTransactions();
      producer.beginTransaction();
      for (KeyValue<K, V> record : records) {
        producer.send(new ProducerRecord<>(topic, record.key, record.value));
      }
      // Flush first so that an aborted transaction really leaves its records in the log.
      producer.flush();
      if (outcome == TransactionOutcome.COMMIT) {
        producer.commitTransaction();
      } else {
        producer.abortTransaction();
      }
    }
  }

  /**
   * Reads the topic from the beginning with {@code isolation.level=read_committed} until {@code done}
   * holds for everything read so far, and returns what was read.
   *
   * @throws AssertionError listing the records read if {@code done} does not hold within the timeout
   */
  public <K, V> List<ConsumerRecord<K, V>> consumeUntil(
      String topic,
      Deserializer<K> keyDeserializer,
      Deserializer<V> valueDeserializer,
      Predicate<List<ConsumerRecord<K, V>>> done,
      Duration timeout) {
    return consumeUntil(
        topic, IsolationLevel.READ_COMMITTED, keyDeserializer, valueDeserializer, done, timeout);
  }

  /** Like {@link #consumeUntil(String, Deserializer, Deserializer, Predicate, Duration)} with a chosen isolation level. */
  public <K, V> List<ConsumerRecord<K, V>> consumeUntil(
      String topic,
      IsolationLevel isolationLevel,
      Deserializer<K> keyDeserializer,
      Deserializer<V> valueDeserializer,
      Predicate<List<ConsumerRecord<K, V>>> done,
      Duration timeout) {
    // Manual assignment instead of a consumer group: no rebalance to wait for, no offsets left behind.
    Map<String, Object> config = Map.of(
        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
        ConsumerConfig.ISOLATION_LEVEL_CONFIG, isolationLevel.toString(),
        ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    long deadline = System.nanoTime() + timeout.toNanos();
    List<ConsumerRecord<K, V>> read = new ArrayList<>();
    List<ConsumerRecord<K, V>> readView = Collections.unmodifiableList(read);
    try (KafkaConsumer<K, V> consumer = new KafkaConsumer<>(config, keyDeserializer, valueDeserializer)) {
      List<TopicPartition> partitions = consumer.partitionsFor(topic, timeout).stream()
          .map(info -> new TopicPartition(info.topic(), info.partition()))
          .toList();
      if (partitions.isEmpty()) {
        throw new AssertionError("Topic " + topic + " does not exist");
      }
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      while (!done.test(readView)) {
        if (System.nanoTime() - deadline > 0) {
          throw new AssertionError("Condition not met within " + timeout + " on topic " + topic
              + " (" + isolationLevel + "); read " + read.size() + " records:" + describe(read));
        }
        consumer.poll(POLL_TIMEOUT).forEach(read::add);
      }
      return List.copyOf(read);
    }
  }

  private static String describe(List<? extends ConsumerRecord<?, ?>> records) {
    return records.stream()
        .map(r -> String.format("%n  %s-%d@%d %s=%s", r.topic(), r.partition(), r.offset(), r.key(), r.value()))
        .collect(Collectors.joining());
  }
}
