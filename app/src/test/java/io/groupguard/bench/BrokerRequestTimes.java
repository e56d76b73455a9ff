package io.groupguard.bench;

import com.yammer.metrics.core.Histogram;
import com.yammer.metrics.core.MetricName;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.server.metrics.KafkaYammerMetrics;

/**
 * The in-process broker's own request timings (its {@code RequestMetrics} histograms) for the
 * requests a transaction's life takes: a commit's markers, the produce that waits for them, the
 * fetches that see them. Local time is the request handler's own work; total includes queueing
 * and waiting.
 */
final class BrokerRequestTimes {

  private static final List<String> REQUESTS = List.of("Produce", "Fetch", "WriteTxnMarkers", "EndTxn", "TxnOffsetCommit");
  private static final List<String> TIMES = List.of("LocalTimeMs", "TotalTimeMs");

  private BrokerRequestTimes() {
  }

  /** Starts the histograms afresh, so that the summary covers only what follows. */
  static void reset() {
    histograms().values().forEach(Histogram::clear);
  }

  /** Per request and time: count, p99 and max in ms. */
  static Map<String, String> summary() {
    Map<String, String> summary = new TreeMap<>();
    histograms().forEach((name, histogram) -> summary.put(name, String.format("n=%d p99=%.0f max=%.0f",
        histogram.count(), histogram.getSnapshot().get99thPercentile(), histogram.max())));
    return summary;
  }

  private static Map<String, Histogram> histograms() {
    Map<String, Histogram> histograms = new TreeMap<>();
    for (Map.Entry<MetricName, com.yammer.metrics.core.Metric> metric
        : KafkaYammerMetrics.defaultRegistry().allMetrics().entrySet()) {
      MetricName name = metric.getKey();
      String request = requestOf(name);
      if (request != null && TIMES.contains(name.getName()) && metric.getValue() instanceof Histogram histogram) {
        histograms.put(request + " " + name.getName(), histogram);
      }
    }
    return histograms;
  }

  private static String requestOf(MetricName name) {
    if (!"RequestMetrics".equals(name.getType()) || name.getScope() == null) {
      return null;
    }
    return REQUESTS.stream().filter(request -> name.getScope().endsWith("request." + request)).findFirst().orElse(null);
  }
}
