package io.groupguard.ops;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.utils.AppInfoParser;
import org.apache.kafka.streams.KafkaStreams;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Kafka Streams' and its clients' metrics as Micrometer meters, with the names and tags Micrometer's
 * {@code KafkaStreamsMetrics} gives them ({@code kafka.<group without -metrics>.<name>}, the metric's tags
 * with '-' as '.', plus {@code kafka.version}; names ending in total or count are counters; non-numeric
 * metrics and the clients' counts of their own metrics are left out).
 *
 * <p>Why not Micrometer's binder: on every refresh that finds the metric set changed (the first one after
 * start-up, and after each rebalance), it compares each metric with every registered meter of the same name,
 * rebuilding that meter's tags each time. That is quadratic in the meters per name, and a Kafka Streams
 * instance has hundreds per name (one per task, processor or store): binding 16,000 metrics took it
 * 1.5 s in {@code KafkaMetersBenchmark}. In the end-to-end benchmark its refresh 60 s after start fell
 * into the timed seconds, and their p99 decision latency rose from 95 to 193-264 ms. Here each
 * refresh only binds the metrics that are new and removes the meters of metrics that are gone, by
 * metric name; it runs every refresh interval and whenever {@link #refreshSoon} asks (the operations
 * server asks each time the streams reach RUNNING).
 *
 * <p>Prometheus allows one set of tag keys per name, and Kafka has some metrics at two levels under one
 * name (a consumer's records-lag-max per client and per partition). Per name, the finer level (more tags)
 * wins, as in Micrometer's binder; a metric whose tag keys differ from the winner's is not exported.
 */
public final class KafkaMeters implements MeterBinder, AutoCloseable {

  /** How often new and removed metrics are looked for (Micrometer's binder: the same). */
  public static final Duration DEFAULT_REFRESH_INTERVAL = Duration.ofSeconds(60);
  private static final String VERSION_TAG = "kafka.version";
  /** Each client's count of its own metrics: says nothing about the application. */
  private static final String COUNT_OF_METRICS_GROUP = "kafka-metrics-count";
  private static final Logger log = LoggerFactory.getLogger(KafkaMeters.class);

  private final Supplier<Map<MetricName, ? extends Metric>> metricsSource;
  private final Duration refreshInterval;
  private final String kafkaVersion = AppInfoParser.getVersion();
  private final ScheduledExecutorService refresher = Executors.newSingleThreadScheduledExecutor(runnable -> {
    Thread thread = new Thread(runnable, "groupguard-kafka-meters");
    thread.setDaemon(true);
    return thread;
  });
  /** The latest metrics read; meters read their value here, so a metric Kafka replaced is read anew. */
  private volatile Map<MetricName, ? extends Metric> latest = Map.of();
  /** Every numeric metric seen, with its meter, or null when it is left out (see the class comment). */
  private final Map<MetricName, Meter> bound = new HashMap<>();
  /** Per meter name, the tag keys it is exported with and the metrics exported or left out under it. */
  private final Map<String, NameUse> names = new HashMap<>();
  private MeterRegistry registry;

  public KafkaMeters(Supplier<Map<MetricName, ? extends Metric>> metricsSource, Duration refreshInterval) {
    this.metricsSource = metricsSource;
    this.refreshInterval = refreshInterval;
  }

  public static KafkaMeters of(KafkaStreams streams) {
    return new KafkaMeters(streams::metrics, DEFAULT_REFRESH_INTERVAL);
  }

  @Override
  public void bindTo(MeterRegistry registry) {
    this.registry = registry;
    refresh();
    long periodMs = refreshInterval.toMillis();
    refresher.scheduleWithFixedDelay(this::refreshLoggingFailures, periodMs, periodMs, TimeUnit.MILLISECONDS);
  }

  /**
   * Refreshes on the binder's own thread, now: call it when many metrics have just appeared (a
   * rebalance's tasks), so that they are bound while the instance is starting rather than during
   * steady processing a refresh interval later.
   */
  public Future<?> refreshSoon() {
    try {
      return refresher.submit(this::refreshLoggingFailures);
    } catch (RejectedExecutionException closed) {
      return CompletableFuture.completedFuture(null); // closed: there is nothing left to bind
    }
  }

  /** Binds the metrics that appeared since the last refresh and removes the meters of those that are gone. */
  synchronized void refresh() {
    Map<MetricName, ? extends Metric> current = metricsSource.get();
    latest = current;
    for (MetricName gone : bound.keySet().stream().filter(name -> !current.containsKey(name)).toList()) {
      unbind(gone);
    }
    int refused = 0;
    for (Map.Entry<MetricName, ? extends Metric> entry : current.entrySet()) {
      MetricName name = entry.getKey();
      if (!bound.containsKey(name) && !name.group().equals(COUNT_OF_METRICS_GROUP)
          && entry.getValue().metricValue() instanceof Number && !bind(name)) {
        refused++;
      }
    }
    if (refused > 0) {
      log.warn("{} Kafka metrics were refused by the meter registry and are left out (details at debug level)", refused);
    }
  }

  private void refreshLoggingFailures() {
    try {
      refresh();
    } catch (RuntimeException e) {
      log.warn("Could not refresh the Kafka metrics' meters; the next refresh tries again", e);
    }
  }

  /** Exports the metric, or leaves it out when a finer tag set holds its name; false if the registry refused it. */
  private boolean bind(MetricName name) {
    String meterName = meterName(name);
    Set<String> tagKeys = new TreeSet<>(name.tags().keySet());
    NameUse use = names.computeIfAbsent(meterName, unused -> new NameUse(tagKeys));
    if (!use.tagKeys.equals(tagKeys)) {
      if (tagKeys.size() <= use.tagKeys.size()) {
        leaveOut(name, use);
        return true;
      }
      use.leaveOutExported();
      use.tagKeys = tagKeys;
    }
    try {
      bound.put(name, register(name, meterName, tags(name)));
      use.exported.add(name);
      return true;
    } catch (RuntimeException e) { // e.g. a meter of that name registered by other code, with other tags
      log.debug("Kafka metric {} left out: {}", name, e.getMessage());
      leaveOut(name, use);
      return false;
    }
  }

  private void leaveOut(MetricName name, NameUse use) {
    bound.put(name, null);
    use.leftOut.add(name);
  }

  private void unbind(MetricName name) {
    Meter meter = bound.remove(name);
    if (meter != null) {
      registry.remove(meter);
    }
    String meterName = meterName(name);
    NameUse use = names.get(meterName);
    use.exported.remove(name);
    use.leftOut.remove(name);
    if (use.exported.isEmpty() && use.leftOut.isEmpty()) {
      names.remove(meterName);
    }
  }

  private Meter register(MetricName name, String meterName, List<Tag> tags) {
    if (meterName.endsWith("total") || meterName.endsWith("count")) {
      return FunctionCounter.builder(meterName, this, meters -> meters.valueOf(name))
          .tags(tags).description(name.description()).register(registry);
    }
    return Gauge.builder(meterName, this, meters -> meters.valueOf(name))
        .tags(tags).description(name.description()).register(registry);
  }

  private double valueOf(MetricName name) {
    Metric metric = latest.get(name);
    return metric != null && metric.metricValue() instanceof Number value ? value.doubleValue() : Double.NaN;
  }

  static String meterName(MetricName name) {
    return ("kafka." + name.group() + "." + name.name()).replace("-metrics", "").replace('-', '.');
  }

  private List<Tag> tags(MetricName name) {
    List<Tag> tags = new ArrayList<>(name.tags().size() + 1);
    name.tags().forEach((key, value) -> tags.add(Tag.of(key.replace('-', '.'), value)));
    tags.add(Tag.of(VERSION_TAG, kafkaVersion));
    return tags;
  }

  @Override
  public synchronized void close() {
    refresher.shutdownNow();
    if (registry != null) {
      bound.values().stream().filter(meter -> meter != null).forEach(registry::remove);
    }
    bound.clear();
    names.clear();
  }

  /** One meter name: the tag keys it is exported with, and the metrics exported or left out under it. */
  private final class NameUse {
    private Set<String> tagKeys;
    private final Set<MetricName> exported = new HashSet<>();
    private final Set<MetricName> leftOut = new HashSet<>();

    private NameUse(Set<String> tagKeys) {
      this.tagKeys = tagKeys;
    }

    /** A metric with more tags arrived: the coarser meters of this name give way. */
    private void leaveOutExported() {
      for (MetricName name : exported) {
        registry.remove(bound.put(name, null));
      }
      leftOut.addAll(exported);
      exported.clear();
    }
  }
}
