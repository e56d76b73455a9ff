package io.groupguard.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.junit.jupiter.api.Test;

class RecordsWrittenTest {

  private static final Pattern PREFIX = Pattern.compile("^app-");

  private record Sent(MetricName metricName, Object metricValue) implements Metric {
  }

  private static Map<MetricName, Metric> metrics(String group, String client, Map<String, Double> sentByTopic) {
    Map<MetricName, Metric> metrics = new HashMap<>();
    sentByTopic.forEach((topic, sent) -> {
      MetricName name = new MetricName(RecordsWritten.METRIC_NAME, group, "", Map.of("client-id", client, "topic", topic));
      metrics.put(name, new Sent(name, sent));
    });
    return metrics;
  }

  @Test
  void countsRecordsSentSinceTheStartPerMessageAcrossProducersMostFirst() {
    Map<MetricName, Metric> before = metrics(RecordsWritten.METRIC_GROUP, "p1", Map.of("app-changelog", 100.0, "out", 50.0));
    Map<MetricName, Metric> after = new HashMap<>(
        metrics(RecordsWritten.METRIC_GROUP, "p1", Map.of("app-changelog", 300.0, "out", 150.0)));
    after.putAll(metrics(RecordsWritten.METRIC_GROUP, "p2", Map.of("app-changelog", 100.0)));

    Map<String, Double> perMessage = RecordsWritten.of(after).perMessageSince(RecordsWritten.of(before), 1000, PREFIX);

    assertThat(perMessage).containsExactly(Map.entry("changelog", 0.3), Map.entry("out", 0.1));
    assertThat(List.copyOf(perMessage.keySet())).containsExactly("changelog", "out");
  }

  @Test
  void ignoresOtherMetricsAndTopicsWithNothingSent() {
    Map<MetricName, Metric> before = metrics(RecordsWritten.METRIC_GROUP, "p1", Map.of("idle", 7.0));
    Map<MetricName, Metric> after = new HashMap<>(before);
    after.putAll(metrics("consumer-fetch-manager-metrics", "c1", Map.of("in", 500.0)));

    assertThat(RecordsWritten.of(after).perMessageSince(RecordsWritten.of(before), 10, PREFIX)).isEmpty();
  }
}
