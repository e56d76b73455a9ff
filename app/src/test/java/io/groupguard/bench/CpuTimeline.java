package io.groupguard.bench;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * This JVM's CPU second by second, by kind of thread ({@link ThreadCpu}), and the garbage collector's
 * pauses in each second: what the process was doing in the seconds whose latencies stand out.
 */
final class CpuTimeline implements AutoCloseable {

  private record Sample(long nanoTime, ThreadCpu cpu, long gcPauseMillis) {
  }

  private final List<Sample> samples = new ArrayList<>();
  private final ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor(runnable -> {
    Thread thread = new Thread(runnable, "cpu-timeline");
    thread.setDaemon(true);
    return thread;
  });

  private CpuTimeline() {
  }

  /** Samples now and then every second until closed. */
  static CpuTimeline start() {
    CpuTimeline timeline = new CpuTimeline();
    timeline.sampler.scheduleAtFixedRate(timeline::sample, 0, 1, TimeUnit.SECONDS);
    return timeline;
  }

  private void sample() {
    Sample sample = new Sample(System.nanoTime(), ThreadCpu.now(), gcPauseMillis());
    synchronized (samples) {
      samples.add(sample);
    }
  }

  /** Stop-the-world time so far: G1's young and mixed/full collections are all pauses (the concurrent cycle is not counted). */
  private static long gcPauseMillis() {
    return ManagementFactory.getGarbageCollectorMXBeans().stream().mapToLong(GarbageCollectorMXBean::getCollectionTime)
        .filter(millis -> millis > 0).sum();
  }

  @Override
  public void close() {
    sampler.shutdownNow();
  }

  /**
   * Cores busy in each sampled second: the process in all, then each of the {@code kindsShown} kinds with the
   * most CPU over the whole timeline, then the rest.
   */
  Map<String, List<Double>> coresBySecond(int kindsShown) {
    List<Sample> taken = taken();
    Map<String, List<Double>> cores = new LinkedHashMap<>();
    if (taken.size() < 2) {
      return cores;
    }
    List<String> kinds = taken.get(taken.size() - 1).cpu().nanosByKindSince(taken.get(0).cpu()).keySet().stream()
        .limit(kindsShown).toList();
    cores.put("process", new ArrayList<>());
    kinds.forEach(kind -> cores.put(kind, new ArrayList<>()));
    cores.put("the rest", new ArrayList<>());
    for (int i = 1; i < taken.size(); i++) {
      Sample from = taken.get(i - 1);
      Sample to = taken.get(i);
      double wallNanos = to.nanoTime() - from.nanoTime();
      Map<String, Long> byKind = to.cpu().nanosByKindSince(from.cpu());
      long process = to.cpu().processNanosSince(from.cpu());
      cores.get("process").add(EndToEndBenchmark.round2(process / wallNanos));
      long shown = 0;
      for (String kind : kinds) {
        long nanos = byKind.getOrDefault(kind, 0L);
        shown += nanos;
        cores.get(kind).add(EndToEndBenchmark.round2(nanos / wallNanos));
      }
      cores.get("the rest").add(EndToEndBenchmark.round2(Math.max(0, process - shown) / wallNanos));
    }
    return cores;
  }

  /** Milliseconds of garbage-collection pauses in each sampled second. */
  List<Long> gcPauseMillisBySecond() {
    List<Sample> taken = taken();
    List<Long> pauses = new ArrayList<>();
    for (int i = 1; i < taken.size(); i++) {
      pauses.add(taken.get(i).gcPauseMillis() - taken.get(i - 1).gcPauseMillis());
    }
    return pauses;
  }

  private List<Sample> taken() {
    synchronized (samples) {
      return List.copyOf(samples);
    }
  }
}
