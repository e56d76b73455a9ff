package io.groupguard.testing;

import io.groupguard.avro.ModerationAction;
import io.groupguard.avro.Violation;
import io.groupguard.topology.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * An independent reader of GroupGuard's decisions: violations, actions and dead letters as a
 * downstream consumer sees them ({@code read_committed}, so aborted output of a killed instance
 * never counts). Accumulates across calls; {@link #readToEnd()} reads up to the last stable offset.
 */
public final class CommittedOutputs implements AutoCloseable {

  private static final Duration POLL = Duration.ofMillis(100);

  private final Topics topics;
  private final KafkaConsumer<byte[], byte[]> consumer;
  private final List<TopicPartition> partitions;
  public final List<Violation> violations = new ArrayList<>();
  public final List<ModerationAction> actions = new ArrayList<>();
  public final List<ConsumerRecord<byte[], byte[]>> deadLetters = new ArrayList<>();

  public CommittedOutputs(String bootstrapServers, Topics topics) {
    this.topics = topics;
    this.consumer = new KafkaConsumer<>(Map.of(
        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
        ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
        ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false), new ByteArrayDeserializer(), new ByteArrayDeserializer());
    this.partitions = Stream.of(topics.violations().name(), topics.actions().name(), topics.deadLetters().name())
        .flatMap(topic -> consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream())
        .map(info -> new TopicPartition(info.topic(), info.partition()))
        .toList();
    consumer.assign(partitions);
    consumer.seekToBeginning(partitions);
  }

  /** Polls once. */
  public void poll() {
    for (ConsumerRecord<byte[], byte[]> record : consumer.poll(POLL)) {
      String topic = record.topic();
      if (topic.equals(topics.violations().name())) {
        violations.add(topics.violations().valueSerde().deserializer().deserialize(topic, record.value()));
      } else if (topic.equals(topics.actions().name())) {
        actions.add(topics.actions().valueSerde().deserializer().deserialize(topic, record.value()));
      } else {
        deadLetters.add(record);
      }
    }
  }

  /** Reads until every partition is read up to its last stable offset as of this call. */
  public void readToEnd() {
    Map<TopicPartition, Long> ends = consumer.endOffsets(partitions); // read_committed: the last stable offsets
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (ends.entrySet().stream().anyMatch(end -> consumer.position(end.getKey()) < end.getValue())) {
      if (System.nanoTime() - deadline > 0) {
        throw new AssertionError("could not read the outputs to their end offsets " + ends);
      }
      poll();
    }
  }

  @Override
  public void close() {
    consumer.close();
  }
}
