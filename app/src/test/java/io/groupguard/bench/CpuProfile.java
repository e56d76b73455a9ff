package io.groupguard.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import one.profiler.AsyncProfiler;

/**
 * async-profiler's CPU samples (every millisecond of a thread's CPU time, Java and native frames
 * alike, so RocksDB's share shows, which JFR cannot see) over one measured window of the
 * end-to-end benchmark, written as collapsed stacks per thread; {@link #main} summarises the
 * stream threads' with {@link StackSummary}. The benchmark records when the system property
 * {@value #OUTPUT_PROPERTY} names the output file ({@code scripts/bench-e2e.sh --cpu-profile}), the
 * window {@value #PHASE_PROPERTY} names ({@link Phase}; the first measured full round by default).
 */
public final class CpuProfile {

  static final String OUTPUT_PROPERTY = "groupguard.bench.cpu-profile";
  static final String PHASE_PROPERTY = "groupguard.bench.cpu-profile-phase";

  /** The windows a run can record. */
  enum Phase {
    /** The first measured round of the full topology, from pre-loaded input. */
    FULL_ROUND,
    /** The timed seconds of the latency phase, at a live rate. */
    LATENCY;

    static Phase requested() {
      return named(System.getProperty(PHASE_PROPERTY, "full-round"));
    }

    /** 'full-round' or 'latency', as {@code scripts/bench-e2e.sh} passes them. */
    static Phase named(String name) {
      for (Phase phase : values()) {
        if (phase.name().replace('_', '-').toLowerCase(Locale.ROOT).equals(name)) {
          return phase;
        }
      }
      throw new IllegalArgumentException(PHASE_PROPERTY + " must be full-round or latency, got '" + name + "'");
    }
  }

  private final AsyncProfiler profiler;
  private final Path output;

  private CpuProfile(AsyncProfiler profiler, Path output) {
    this.profiler = profiler;
    this.output = output;
  }

  /** Starts recording if {@value #OUTPUT_PROPERTY} is set and the run asked for the window {@code phase}. */
  static Optional<CpuProfile> startIfRequested(Phase phase) {
    String output = System.getProperty(OUTPUT_PROPERTY);
    if (output == null || phase != Phase.requested()) {
      return Optional.empty();
    }
    AsyncProfiler profiler = AsyncProfiler.getInstance(); // loads the library the jar carries
    try {
      profiler.execute("start,event=cpu,interval=1ms,threads");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return Optional.of(new CpuProfile(profiler, Path.of(output)));
  }

  void stop() {
    try {
      profiler.execute("stop,collapsed,threads,file=" + output.toAbsolutePath());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static void main(String[] args) throws IOException {
    if (args.length < 1) {
      throw new IllegalArgumentException("usage: CpuProfile <collapsed stacks> [top N]");
    }
    int top = args.length > 1 ? Integer.parseInt(args[1]) : 20;
    streamThreadSamples(Files.readAllLines(Path.of(args[0])))
        .forEach((application, samples) -> StackSummary.print(application, samples, top));
  }

  /** The samples of each application's stream threads in async-profiler's collapsed output ('frame;frame;… count'). */
  static Map<String, List<StackSummary.Sample>> streamThreadSamples(List<String> collapsedLines) {
    Map<String, List<StackSummary.Sample>> byApplication = new TreeMap<>();
    for (String line : collapsedLines) {
      int count = line.lastIndexOf(' ');
      List<String> frames = Arrays.asList(line.substring(0, count).split(";"));
      String application = StackSummary.applicationOfStreamThread(threadName(frames.get(0)));
      if (application != null) {
        List<String> innermostFirst = new ArrayList<>(frames.subList(1, frames.size()).stream().map(CpuProfile::javaName).toList());
        Collections.reverse(innermostFirst);
        byApplication.computeIfAbsent(application, app -> new ArrayList<>())
            .add(new StackSummary.Sample(innermostFirst, Long.parseLong(line.substring(count + 1))));
      }
    }
    return byApplication;
  }

  /** '[bench-full-1-…-StreamThread-2 tid=4711]' → 'bench-full-1-…-StreamThread-2'. */
  private static String threadName(String frame) {
    int tid = frame.lastIndexOf(" tid=");
    return frame.startsWith("[") && tid > 0 ? frame.substring(1, tid) : frame;
  }

  /** 'io/groupguard/rules/TenantRuleSet.evaluate' → 'io.groupguard.rules.TenantRuleSet.evaluate'; native frames as they are. */
  private static String javaName(String frame) {
    boolean javaFrame = frame.indexOf('/') > 0 && !frame.contains("::") && !frame.contains(" ") && !frame.endsWith("_[k]");
    return javaFrame ? frame.replace('/', '.') : frame;
  }
}
