package io.groupguard.bench;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.streams.KafkaStreams;

/**
 * The records an application's producers sent, per topic, read from the client metrics Kafka Streams
 * exposes ({@code producer-topic-metrics}, {@code record-send-total}). Every record written costs a
 * serialization, a broker append and, under exactly-once, a place in the transaction, so their number
 * per input message tells how much Kafka work a topology adds on top of its own computation.
 *
 * @param sentByTopic records sent so far, by topic
 */
record RecordsWritten(Map<String, Double> sentByTopic) {

  static final String METRIC_GROUP = "producer-topic-metrics";
  static final String METRIC_NAME = "record-send-total";

  static RecordsWritten of(KafkaStreams streams) {
    return of(streams.metrics());
  }

  static RecordsWritten of(Map<MetricName, ? extends Metric> metrics) {
    Map<String, Double> sent = new HashMap<>();
    metrics.forEach((name, metric) -> {
      String topic = name.tags().get("topic");
      if (METRIC_GROUP.equals(name.group()) && METRIC_NAME.equals(name.name()) && topic != null
          && metric.metricValue() instanceof Double value) {
        sent.merge(topic, value, Double::sum);
      }
    });
    return new RecordsWritten(sent);
  }

  /** Records sent since {@code before} per input message, by topic with {@code prefix} cut off, most first. */
  Map<String, Double> perMessageSince(RecordsWritten before, long messages, Pattern prefix) {
    Map<String, Double> perMessage = new HashMap<>();
    sentByTopic.forEach((topic, sent) -> {
      double added = sent - before.sentByTopic.getOrDefault(topic, 0.0);
      if (added > 0) {
        perMessage.merge(prefix.matcher(topic).replaceFirst(""), added / messages, Double::sum);
      }
    });
    Map<String, Double> mostFirst = new LinkedHashMap<>();
    perMessage.entrySet().stream().sorted(Map.Entry.<String, Double>comparingByValue().reversed())
        .forEach(entry -> mostFirst.put(entry.getKey(), Math.round(entry.getValue() * 1000) / 1000.0));
    return mostFirst;
  }
}
