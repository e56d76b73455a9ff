package io.groupguard.bench;

import java.util.Arrays;

/** Latencies in milliseconds, and their percentiles. Single-threaded. */
final class LatencyRecorder {

  private long[] millis = new long[1024];
  private int count;

  void record(long latencyMillis) {
    if (count == millis.length) {
      millis = Arrays.copyOf(millis, count * 2);
    }
    millis[count++] = latencyMillis;
  }

  /** A recorder holding this one's latencies and {@code other}'s. */
  LatencyRecorder with(LatencyRecorder other) {
    LatencyRecorder both = new LatencyRecorder();
    both.millis = Arrays.copyOf(millis, Math.max(1, count + other.count));
    System.arraycopy(other.millis, 0, both.millis, count, other.count);
    both.count = count + other.count;
    return both;
  }

  int count() {
    return count;
  }

  /** The p-th percentile (0 < p <= 100), nearest rank; -1 when nothing was recorded. */
  long percentile(double p) {
    if (count == 0) {
      return -1;
    }
    long[] sorted = Arrays.copyOf(millis, count);
    Arrays.sort(sorted);
    int rank = (int) Math.ceil(p / 100 * count);
    return sorted[Math.max(0, Math.min(count, rank) - 1)];
  }
}
