package io.groupguard.bench;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where one application's stream threads spent their samples, whichever profiler took them
 * (JFR's {@link JfrHotMethods}, async-profiler's {@link CpuProfile}): by the top frame (the method
 * running), by the innermost GroupGuard frame (which of our code paid for it, Kafka and RocksDB
 * frames included), and by every GroupGuard method on the stack (a method's whole share, callees
 * included, so that the shares of nested methods overlap).
 */
final class StackSummary {

  /** One sample (or several identical ones): frames innermost first, Java frames as 'package.Type.method'. */
  record Sample(List<String> frames, long weight) {
  }

  /** Stream threads are named '<application id>-<uuid>-StreamThread-<n>'; rounds differ only in a trailing number. */
  private static final Pattern STREAM_THREAD = Pattern.compile("^(.+?)(-\\d+)?-[0-9a-f]{8}-[0-9a-f-]{27}-StreamThread-\\d+$");
  private static final String GROUPGUARD = "io.groupguard.";
  private static final Pattern LAMBDA_ADDRESS = Pattern.compile("\\$\\$Lambda(\\$\\d+)?[./]0x[0-9a-f]+");

  private StackSummary() {
  }

  /** The application a stream thread belongs to, or null for any other thread. */
  static String applicationOfStreamThread(String threadName) {
    Matcher thread = STREAM_THREAD.matcher(threadName);
    return thread.matches() ? thread.group(1) : null;
  }

  static void print(String application, List<Sample> samples, int top) {
    long total = samples.stream().mapToLong(Sample::weight).sum();
    System.out.printf("%n== %s stream threads: %,d samples%n", application, total);
    print("top frame", samples, total, top, sample -> Set.of(shortName(sample.frames().isEmpty() ? "(no frames)" : sample.frames().get(0))));
    print("innermost io.groupguard frame", samples, total, top, sample -> Set.of(sample.frames().stream()
        .filter(frame -> frame.startsWith(GROUPGUARD)).findFirst().map(StackSummary::shortName).orElse("(Kafka Streams only)")));
    print("io.groupguard method on the stack (callees included)", samples, total, top, sample -> {
      Set<String> methods = new HashSet<>();
      sample.frames().stream().filter(frame -> frame.startsWith(GROUPGUARD)).forEach(frame -> methods.add(shortName(frame)));
      return methods;
    });
    long inRocksDb = samples.stream().filter(sample -> sample.frames().stream().anyMatch(frame -> frame.startsWith("rocksdb::")))
        .mapToLong(Sample::weight).sum();
    if (inRocksDb > 0) {
      System.out.printf("-- in RocksDB's native code: %.1f%%%n", 100.0 * inRocksDb / total);
    }
  }

  private static void print(String title, List<Sample> samples, long total, int top, Function<Sample, Set<String>> keys) {
    Map<String, Long> counts = new HashMap<>();
    samples.forEach(sample -> keys.apply(sample).forEach(key -> counts.merge(key, sample.weight(), Long::sum)));
    System.out.printf("-- by %s%n", title);
    counts.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(top)
        .forEach(entry -> System.out.printf("%5.1f%%  %s%n", 100.0 * entry.getValue() / total, entry.getKey()));
  }

  /**
   * 'io.groupguard.rules.TenantRuleSet.evaluate' → 'TenantRuleSet.evaluate', a lambda's hidden class
   * without its address ('Foo$$Lambda.accept'); native frames as they are.
   */
  static String shortName(String frame) {
    String named = LAMBDA_ADDRESS.matcher(frame).replaceAll(Matcher.quoteReplacement("$$Lambda"));
    int method = named.lastIndexOf('.');
    if (named.contains("::") || method < 0) {
      return named;
    }
    return named.substring(named.lastIndexOf('.', method - 1) + 1);
  }
}
