package io.groupguard.ops;

import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;

/** The Prometheus metric names GroupGuard's /metrics can serve, for checking dashboards and alert rules. */
final class KnownMetrics {

  /** GroupGuard's own meters (io.groupguard.ops), as Prometheus names. */
  static final Set<String> COUNTERS = Set.of(
      "groupguard_messages_evaluated", "groupguard_violations", "groupguard_actions",
      "groupguard_config_rejections", "groupguard_dead_letters");
  static final Set<String> HISTOGRAMS = Set.of("groupguard_evaluation_seconds", "groupguard_decision_lag_seconds");
  static final Set<String> GAUGES = Set.of(
      "groupguard_rules_in_force", "groupguard_blacklist_entries", "groupguard_stream_threads_alive");

  /** Series that do not come from GroupGuard: Prometheus' own and kube-state-metrics'. */
  static final Set<String> INFRASTRUCTURE = Set.of(
      "up", "kube_pod_status_ready", "kube_pod_container_status_restarts_total");

  private KnownMetrics() {
  }

  static Set<String> domain() {
    Set<String> names = new HashSet<>(GAUGES);
    COUNTERS.forEach(counter -> names.add(counter + "_total"));
    HISTOGRAMS.forEach(histogram -> Stream.of("_bucket", "_sum", "_count", "_max")
        .forEach(suffix -> names.add(histogram + suffix)));
    return names;
  }

  /**
   * The names GroupGuard's Kafka binder and Micrometer's JVM and processor binders export, read
   * from a real scrape. The KafkaStreams instance is never started: its clients register their metrics
   * when created, so no broker is needed. Task-level metrics appear only once tasks are
   * assigned and are therefore not in this set.
   */
  static Set<String> fromBinders(Path stateDir) {
    StreamsBuilder builder = new StreamsBuilder();
    builder.stream("in").to("out");
    Properties props = new Properties();
    props.put(StreamsConfig.APPLICATION_ID_CONFIG, "known-metrics");
    props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "localhost:1");
    props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
    props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    try (KafkaStreams streams = new KafkaStreams(builder.build(), props);
         KafkaMeters kafkaMeters = KafkaMeters.of(streams);
         JvmGcMetrics gcMetrics = new JvmGcMetrics()) {
      kafkaMeters.bindTo(registry);
      gcMetrics.bindTo(registry);
      new JvmMemoryMetrics().bindTo(registry);
      new JvmThreadMetrics().bindTo(registry);
      new ProcessorMetrics().bindTo(registry);
      return registry.scrape().lines()
          .filter(line -> !line.isBlank() && !line.startsWith("#"))
          .map(line -> line.split("[{ ]", 2)[0])
          .collect(HashSet::new, Set::add, Set::addAll);
    } finally {
      registry.close();
    }
  }
}
