package io.groupguard.topology.limits;

import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.WindowStore;
import org.apache.kafka.streams.state.WindowStoreIterator;

/**
 * Events (a message id, a member id) recorded per key at their event time in a window store, counted over a
 * trailing window. Counting distinct values makes a replayed input (at-least-once) harmless: it is recorded
 * twice but counted once.
 */
final class EventLog {

  /** Joins key parts; the unit separator does not occur in ids, so different parts never give the same key. */
  private static final char PART_SEPARATOR = '\u001f';

  private final WindowStore<String, String> store;

  EventLog(WindowStore<String, String> store) {
    this.store = store;
  }

  static String key(String... parts) {
    return String.join(String.valueOf(PART_SEPARATOR), parts);
  }

  /**
   * Distinct values other than {@code self} recorded under {@code key} in the window of length
   * {@code window} that ends at {@code eventTime} (inclusive), stopping at {@code cap}: callers only
   * need to know whether a limit is reached. It reads oldest first, which gives the same capped count
   * as newest first: RocksDB steps backwards with a fresh skip-list search per step, forwards without.
   */
  int countOthers(String key, long eventTime, Duration window, String self, int cap) {
    if (cap <= 0) {
      return 0;
    }
    Set<String> others = new HashSet<>();
    long from = eventTime - window.toMillis() + 1;
    try (WindowStoreIterator<String> events = store.fetch(key, from, eventTime)) {
      while (events.hasNext() && others.size() < cap) {
        KeyValue<Long, String> event = events.next();
        if (!event.value.equals(self)) {
          others.add(event.value);
        }
      }
    }
    return others.size();
  }

  void record(String key, long eventTime, String value) {
    store.put(key, value, eventTime);
  }
}
