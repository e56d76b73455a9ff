package io.groupguard.ops;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tag;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.metrics.Metrics;
import org.apache.kafka.common.metrics.Sensor;
import org.apache.kafka.common.metrics.stats.CumulativeSum;
import org.apache.kafka.common.metrics.stats.Max;
import org.apache.kafka.common.utils.AppInfoParser;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class KafkaMetersTest {

  private static final Map<String, String> CLIENT = Map.of("client-id", "app-StreamThread-1-consumer");
  private static final Map<String, String> PARTITION =
      Map.of("client-id", "app-StreamThread-1-consumer", "topic", "chat.messages", "partition", "0");

  private final Metrics kafka = new Metrics();
  private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final KafkaMeters meters = new KafkaMeters(kafka::metrics, Duration.ofHours(1));

  @AfterEach
  void close() {
    meters.close();
    registry.close();
    kafka.close();
  }

  @Test
  void numericMetricsBecomeMetersNamedAsMicrometerNamesThem() {
    Sensor consumed = kafka.sensor("consumed");
    consumed.add(kafka.metricName("records-consumed-total", "consumer-fetch-manager-metrics", CLIENT), new CumulativeSum());
    kafka.addMetric(kafka.metricName("version", "app-info", CLIENT), (org.apache.kafka.common.metrics.Gauge<String>) (config, now) -> "4.3.1");
    consumed.record(3);

    meters.bindTo(registry);
    consumed.record(4);

    FunctionCounter counter = registry.get("kafka.consumer.fetch.manager.records.consumed.total")
        .tag("client.id", "app-StreamThread-1-consumer").tag("kafka.version", AppInfoParser.getVersion())
        .functionCounter();
    assertThat(counter.count()).isEqualTo(7.0);
    assertThat(registry.find("kafka.app.info.version").meters()).as("not a number").isEmpty();
    assertThat(registry.find("kafka.kafka.metrics.count.count").meters()).as("the client's count of its metrics").isEmpty();
    assertThat(registry.scrape()).contains("kafka_consumer_fetch_manager_records_consumed_total{");
  }

  @Test
  void aRefreshBindsNewMetricsAndRemovesTheMetersOfRemovedOnes() {
    kafka.sensor("commits").add(kafka.metricName("commit-latency-max", "stream-thread-metrics", CLIENT), new Max());
    meters.bindTo(registry);
    Sensor restored = kafka.sensor("restored");
    restored.add(kafka.metricName("restore-total", "stream-state-metrics", CLIENT), new CumulativeSum());
    restored.record(5);
    kafka.removeSensor("commits");

    meters.refresh();

    assertThat(registry.get("kafka.stream.state.restore.total").functionCounter().count()).isEqualTo(5.0);
    assertThat(registry.find("kafka.stream.thread.commit.latency.max").meters()).isEmpty();
  }

  @Test
  void refreshSoonBindsOnTheBindersThreadAndDoesNothingOnceClosed() throws Exception {
    meters.bindTo(registry);
    kafka.sensor("commits").add(kafka.metricName("commit-latency-max", "stream-thread-metrics", CLIENT), new Max());

    meters.refreshSoon().get(10, TimeUnit.SECONDS);
    assertThat(registry.find("kafka.stream.thread.commit.latency.max").gauges()).hasSize(1);

    meters.close();
    kafka.sensor("polls").add(kafka.metricName("poll-latency-max", "stream-thread-metrics", CLIENT), new Max());
    meters.refreshSoon().get(10, TimeUnit.SECONDS);
    assertThat(registry.getMeters()).isEmpty();
  }

  @Test
  void perNameTheFinerLevelWinsWhicheverComesFirst() {
    kafka.sensor("client-lag").add(kafka.metricName("records-lag-max", "consumer-fetch-manager-metrics", CLIENT), new Max());
    meters.bindTo(registry);
    kafka.sensor("partition-lag")
        .add(kafka.metricName("records-lag-max", "consumer-fetch-manager-metrics", PARTITION), new Max());
    meters.refresh();
    Map<String, String> otherClient = Map.of("client-id", "app-StreamThread-2-consumer");
    kafka.sensor("other-client-lag")
        .add(kafka.metricName("records-lag-max", "consumer-fetch-manager-metrics", otherClient), new Max());
    meters.refresh();

    assertThat(registry.find("kafka.consumer.fetch.manager.records.lag.max").gauges())
        .singleElement()
        .satisfies(gauge -> assertThat(gauge.getId().getTag("partition")).isEqualTo("0"));
    assertThat(registry.scrape())
        .contains("kafka_consumer_fetch_manager_records_lag_max{client_id=\"app-StreamThread-1-consumer\"")
        .doesNotContain("app-StreamThread-2-consumer");
  }

  @Test
  void sameNameWithOtherTagKeysOfTheSameNumberIsLeftOut() {
    kafka.sensor("kv").add(kafka.metricName("num-running-compactions", "stream-state-metrics",
        Map.of("thread-id", "t1", "task-id", "0_0", "rocksdb-state-id", "standings")), new Max());
    kafka.sensor("window").add(kafka.metricName("num-running-compactions", "stream-state-metrics",
        Map.of("thread-id", "t1", "task-id", "0_0", "rocksdb-window-state-id", "rate-limit")), new Max());

    meters.bindTo(registry);

    assertThat(registry.find("kafka.stream.state.num.running.compactions").gauges()).hasSize(1);
    assertThat(registry.scrape()).contains("kafka_stream_state_num_running_compactions{");
  }

  @Test
  void aMetricTheRegistryRefusesIsLeftOutAndTheOthersAreBound() {
    Counter sameIdOtherType = registry.counter("kafka.stream.thread.commit.latency.max",
        List.of(Tag.of("client.id", "app-StreamThread-1-consumer"), Tag.of("kafka.version", AppInfoParser.getVersion())));
    kafka.sensor("commits").add(kafka.metricName("commit-latency-max", "stream-thread-metrics", CLIENT), new Max());
    kafka.sensor("polls").add(kafka.metricName("poll-latency-max", "stream-thread-metrics", CLIENT), new Max());

    meters.bindTo(registry);
    meters.refresh();

    assertThat(registry.find("kafka.stream.thread.commit.latency.max").meters()).containsExactly(sameIdOtherType);
    assertThat(registry.find("kafka.stream.thread.poll.latency.max").gauges()).hasSize(1);
  }

  @Test
  void closingRemovesEveryMeter() {
    kafka.sensor("commits").add(kafka.metricName("commit-latency-max", "stream-thread-metrics", CLIENT), new Max());
    meters.bindTo(registry);
    assertThat(registry.getMeters()).extracting(Meter::getId).isNotEmpty();

    meters.close();

    assertThat(registry.getMeters()).isEmpty();
  }

  @Test
  void aGaugeReadsTheMetricKafkaHoldsNow() {
    Sensor lag = kafka.sensor("lag");
    lag.add(kafka.metricName("records-lag-max", "consumer-fetch-manager-metrics", CLIENT), new Max());
    meters.bindTo(registry);
    lag.record(42);

    Gauge gauge = registry.get("kafka.consumer.fetch.manager.records.lag.max").gauge();

    assertThat(gauge.value()).isEqualTo(42.0);
  }
}
