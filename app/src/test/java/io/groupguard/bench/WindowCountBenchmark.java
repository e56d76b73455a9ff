package io.groupguard.bench;

import io.groupguard.topology.limits.WindowStores;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import org.apache.kafka.streams.state.WindowStore;
import org.apache.kafka.streams.state.WindowStoreIterator;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The read behind every rate and duplicate limit check: counting the distinct events of one key in the
 * trailing window of a limit event store (a Kafka Streams RocksDB window store), up to the limit. GroupGuard
 * reads oldest first ({@code EventLog}); newest first is the baseline, the same count read backwards.
 */
public class WindowCountBenchmark extends StoreBenchmarkSettings {

  private static final int MEMBERS = 50_000;
  private static final long START = 1_700_000_000_000L;
  private static final long EVENT_SPACING_MS = 1_000;
  private static final Duration WINDOW = Duration.ofSeconds(60);
  /** The benchmark rate limit's messages per window, as in {@code RuleMix}. */
  private static final int CAP = 20;

  /** Events of each member already in the store, one a second: a quiet member against one at the limit. */
  @Param({"1", "20"})
  public int eventsPerMember;

  /** Whether the events were flushed to files or are still in the memtable, as between two of RocksDB's flushes. */
  @Param({"file", "memtable"})
  public String eventsIn;

  private WindowStores stores;
  private WindowStore<String, String> store;
  private long now;
  private int next;

  @Setup(Level.Trial)
  public void setUp() {
    stores = new WindowStores();
    store = stores.open("window-count-bench");
    for (int member = 0; member < MEMBERS; member++) {
      for (int event = 0; event < eventsPerMember; event++) {
        store.put(key(member), "message-" + member + "-" + event, START + event * EVENT_SPACING_MS);
      }
    }
    if (eventsIn.equals("file")) {
      store.flush();
    }
    now = START + eventsPerMember * EVENT_SPACING_MS;
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    stores.close();
  }

  @Benchmark
  public int oldestFirst() {
    try (WindowStoreIterator<String> events = store.fetch(nextKey(), now - WINDOW.toMillis() + 1, now)) {
      return countDistinct(events);
    }
  }

  @Benchmark
  public int newestFirst() {
    try (WindowStoreIterator<String> events = store.backwardFetch(nextKey(), now - WINDOW.toMillis() + 1, now)) {
      return countDistinct(events);
    }
  }

  private static int countDistinct(WindowStoreIterator<String> events) {
    Set<String> distinct = new HashSet<>();
    while (events.hasNext() && distinct.size() < CAP) {
      distinct.add(events.next().value);
    }
    return distinct.size();
  }

  private String nextKey() {
    next = (next + 1) % MEMBERS;
    return key(next);
  }

  private static String key(int member) {
    return "tenant-1\u001fgroup-" + member % 997 + "\u001fmember-" + member;
  }
}
