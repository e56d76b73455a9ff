package io.groupguard.cli;

import io.groupguard.avro.ConfigRejection;
import io.groupguard.avro.ModerationAction;
import io.groupguard.avro.Violation;
import io.groupguard.topology.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.streams.errors.internals.ExceptionHandlerUtils;

/** Reads GroupGuard's committed output topics (violations, actions, rejections, dead letters). */
final class DecisionCollector implements AutoCloseable {

  /** A dead-letter record: where it came from and why. */
  record DeadLetter(String topic, String reason) {
  }

  private final Topics topics;
  private final KafkaConsumer<String, byte[]> consumer;
  final List<Violation> violations = new ArrayList<>();
  final List<ModerationAction> actions = new ArrayList<>();
  final List<ConfigRejection> rejections = new ArrayList<>();
  final List<DeadLetter> deadLetters = new ArrayList<>();

  /** {@code consumerSettings} from {@link ClusterConnection#consumerSettings()}. */
  DecisionCollector(Map<String, Object> consumerSettings, Topics topics) {
    this.topics = topics;
    this.consumer = new KafkaConsumer<>(consumerSettings, new StringDeserializer(), new ByteArrayDeserializer());
    consumer.subscribe(List.of(topics.violations().name(), topics.actions().name(), topics.rejections().name(),
        topics.deadLetters().name()));
  }

  /** Polls once; returns how many records arrived. */
  int poll(Duration timeout) {
    int count = 0;
    for (ConsumerRecord<String, byte[]> record : consumer.poll(timeout)) {
      count++;
      String topic = record.topic();
      if (topic.equals(topics.violations().name())) {
        violations.add(topics.violations().valueSerde().deserializer().deserialize(topic, record.value()));
      } else if (topic.equals(topics.actions().name())) {
        actions.add(topics.actions().valueSerde().deserializer().deserialize(topic, record.value()));
      } else if (topic.equals(topics.rejections().name())) {
        rejections.add(topics.rejections().valueSerde().deserializer().deserialize(topic, record.value()));
      } else {
        deadLetters.add(new DeadLetter(header(record, ExceptionHandlerUtils.HEADER_ERRORS_TOPIC_NAME),
            header(record, ExceptionHandlerUtils.HEADER_ERRORS_EXCEPTION_MESSAGE_NAME)));
      }
    }
    return count;
  }

  /** Polls until nothing new arrived for {@code quiet}, or {@code limit} passed. */
  void drain(Duration quiet, Duration limit) {
    long deadline = System.nanoTime() + limit.toNanos();
    long lastArrival = System.nanoTime();
    while (System.nanoTime() < deadline && System.nanoTime() - lastArrival < quiet.toNanos()) {
      if (poll(Duration.ofMillis(200)) > 0) {
        lastArrival = System.nanoTime();
      }
    }
  }

  private static String header(ConsumerRecord<?, ?> record, String name) {
    Header header = record.headers().lastHeader(name);
    return header == null ? "?" : new String(header.value(), java.nio.charset.StandardCharsets.UTF_8);
  }

  @Override
  public void close() {
    consumer.close();
  }
}
