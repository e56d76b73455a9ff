package io.groupguard.bench;

import io.groupguard.ops.KafkaMeters;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.lang.reflect.Proxy;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.metrics.Metrics;
import org.apache.kafka.common.metrics.stats.Max;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Binding a Kafka Streams instance's metrics to a Prometheus registry, as happens 60 s after
 * start-up and after each rebalance: GroupGuard's {@link KafkaMeters} against Micrometer's Kafka
 * binder (the same loop as its {@code KafkaStreamsMetrics}, here fed through {@code KafkaClientMetrics}).
 * The metrics are shaped like a Streams instance's: a few dozen names, each once per task, processor
 * or store ({@code perName}).
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3)
@Measurement(iterations = 7)
@Fork(1)
@State(Scope.Benchmark)
public class KafkaMetersBenchmark {

  private static final int NAMES = 40;

  @Param({"100", "400"})
  int perName;

  private Metrics kafka;
  private PrometheusMeterRegistry registry;
  private AutoCloseable binder;

  @Setup(Level.Trial)
  public void createMetrics() {
    kafka = new Metrics();
    for (int name = 0; name < NAMES; name++) {
      for (int task = 0; task < perName; task++) {
        kafka.sensor("sensor-" + name + "-" + task).add(kafka.metricName("metric-" + name + "-total",
            "stream-task-metrics", Map.of("thread-id", "StreamThread-" + task % 2, "task-id", "task-" + task)), new Max());
      }
    }
  }

  @Setup(Level.Invocation)
  public void createRegistry() {
    registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  }

  @TearDown(Level.Invocation)
  public void closeRegistry() throws Exception {
    binder.close();
    registry.close();
  }

  @TearDown(Level.Trial)
  public void closeMetrics() {
    kafka.close();
  }

  @Benchmark
  public int groupGuard() {
    KafkaMeters meters = new KafkaMeters(kafka::metrics, KafkaMeters.DEFAULT_REFRESH_INTERVAL);
    binder = meters;
    meters.bindTo(registry);
    return registry.getMeters().size();
  }

  @Benchmark
  public int micrometer() {
    KafkaClientMetrics meters = new KafkaClientMetrics(consumerWithMetricsOf(kafka));
    binder = meters;
    meters.bindTo(registry);
    return registry.getMeters().size();
  }

  /** A consumer whose only working method is {@code metrics()}: all Micrometer's binder calls. */
  @SuppressWarnings("unchecked")
  private static Consumer<byte[], byte[]> consumerWithMetricsOf(Metrics kafka) {
    return (Consumer<byte[], byte[]>) Proxy.newProxyInstance(KafkaMetersBenchmark.class.getClassLoader(),
        new Class<?>[] {Consumer.class}, (proxy, method, args) -> {
          return switch (method.getName()) {
            case "metrics" -> kafka.metrics();
            case "hashCode" -> System.identityHashCode(proxy);
            case "equals" -> proxy == args[0];
            case "toString" -> "a consumer with " + kafka.metrics().size() + " metrics";
            default -> throw new UnsupportedOperationException(method.getName());
          };
        });
  }
}
