package io.groupguard.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * CPU time of this JVM's threads, grouped by kind, so a benchmark can say where a round's CPU went:
 * Java threads by their name with ids and numbers blanked out (so the stream threads of an
 * application, or the broker's request handlers, add up), the JIT compiler and GC threads from
 * /proc (the JVM does not list them as Java threads), RocksDB's flush and compaction threads (native, also
 * from /proc), and the rest of the process as "other JVM".
 */
final class ThreadCpu {

  static final String JIT = "JIT compiler threads";
  static final String GC = "GC threads";
  static final String ROCKSDB = "RocksDB background threads";
  static final String OTHER_JVM = "other JVM threads";

  private static final Pattern CLIENT_ID = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
  private static final Pattern NUMBER = Pattern.compile("\\d+");
  /** /proc's clock ticks: USER_HZ is 100 on Linux. */
  private static final long NANOS_PER_TICK = 10_000_000L;

  private final long processNanos;
  private final Map<Long, String> kindById;
  private final Map<Long, Long> nanosById;
  private final Map<String, Long> nativeNanos;

  private ThreadCpu(long processNanos, Map<Long, String> kindById, Map<Long, Long> nanosById, Map<String, Long> nativeNanos) {
    this.processNanos = processNanos;
    this.kindById = kindById;
    this.nanosById = nanosById;
    this.nativeNanos = nativeNanos;
  }

  static ThreadCpu now() {
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    Map<Long, String> kindById = new HashMap<>();
    Map<Long, Long> nanosById = new HashMap<>();
    for (var info : threads.getThreadInfo(threads.getAllThreadIds())) {
      if (info != null) {
        long nanos = threads.getThreadCpuTime(info.getThreadId());
        if (nanos >= 0) {
          kindById.put(info.getThreadId(), kindOf(info.getThreadName()));
          nanosById.put(info.getThreadId(), nanos);
        }
      }
    }
    long processNanos = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
    return new ThreadCpu(processNanos, kindById, nanosById, nativeThreadNanos());
  }

  /** The whole process's CPU since {@code start}. */
  long processNanosSince(ThreadCpu start) {
    return processNanos - start.processNanos;
  }

  /** The JIT compiler threads' CPU since {@code start}. */
  long jitNanosSince(ThreadCpu start) {
    return nativeNanos.get(JIT) - start.nativeNanos.get(JIT);
  }

  /**
   * CPU since {@code start} by kind, largest first. Java threads that ended in between are left out,
   * so their time lands in {@link #OTHER_JVM} with the VM's own threads.
   */
  Map<String, Long> nanosByKindSince(ThreadCpu start) {
    Map<String, Long> byKind = new HashMap<>();
    nanosById.forEach((id, nanos) -> byKind.merge(kindById.get(id), nanos - start.nanosById.getOrDefault(id, 0L), Long::sum));
    long javaThreads = byKind.values().stream().mapToLong(Long::longValue).sum();
    long jit = jitNanosSince(start);
    long gc = nativeNanos.get(GC) - start.nativeNanos.get(GC);
    long rocksDb = nativeNanos.get(ROCKSDB) - start.nativeNanos.get(ROCKSDB);
    byKind.put(JIT, jit);
    byKind.put(GC, gc);
    byKind.put(ROCKSDB, rocksDb);
    byKind.put(OTHER_JVM, Math.max(0, processNanosSince(start) - javaThreads - jit - gc - rocksDb));
    Map<String, Long> sorted = new LinkedHashMap<>();
    byKind.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed())
        .forEach(entry -> sorted.put(entry.getKey(), entry.getValue()));
    return sorted;
  }

  /** "bench-full-1-1c9e…-StreamThread-2" and "…-StreamThread-1" are one kind; a client's " | id" suffix is dropped. */
  static String kindOf(String threadName) {
    int clientSuffix = threadName.indexOf(" | ");
    String name = clientSuffix < 0 ? threadName : threadName.substring(0, clientSuffix);
    return NUMBER.matcher(CLIENT_ID.matcher(name).replaceAll("*")).replaceAll("#");
  }

  /**
   * CPU of the JIT compiler, GC and RocksDB background threads, which are no Java threads, from /proc
   * (Linux; zeros elsewhere). RocksDB names its flush and compaction threads "rocksdb:low", "rocksdb:high".
   */
  private static Map<String, Long> nativeThreadNanos() {
    Map<String, Long> nanos = new HashMap<>(Map.of(JIT, 0L, GC, 0L, ROCKSDB, 0L));
    try (var tasks = Files.list(Path.of("/proc/self/task"))) {
      for (Path task : tasks.toList()) {
        try {
          String name = Files.readString(task.resolve("comm")); // 15 characters at most: "C2 CompilerThre"
          String kind = name.startsWith("C1 Compiler") || name.startsWith("C2 Compiler") ? JIT
              : name.startsWith("GC Thread") || name.startsWith("G1 ") ? GC
              : name.startsWith("rocksdb:") ? ROCKSDB : null;
          if (kind != null) {
            String stat = Files.readString(task.resolve("stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            nanos.merge(kind, (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) * NANOS_PER_TICK, Long::sum); // utime, stime
          }
        } catch (IOException | RuntimeException threadEnded) {
          // a thread may end between listing and reading
        }
      }
    } catch (IOException noProc) {
      // not Linux
    }
    return nanos;
  }
}
