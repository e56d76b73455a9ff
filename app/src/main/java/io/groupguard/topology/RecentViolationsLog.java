package io.groupguard.topology;

import io.groupguard.avro.Violation;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * The latest violations of every group in a key-value store, one entry per violation, keyed
 * {@code '<tenantId>/<groupId>/<inverted sequence>'}: the group's n-th violation has sequence n,
 * written as {@code Long.MAX_VALUE - n} in {@value #SEQUENCE_DIGITS} digits, so a prefix scan of
 * the group yields its violations newest first. Recording a violation costs one put and one delete
 * (of the entry that falls out of the bound): unlike one list value per group, nothing is re-read or
 * re-serialized. The newest sequence of the most recently recorded groups is kept in memory; for
 * any other group one seek reads it (key only). A wall-clock profile of the benchmark's latency
 * phase had put those seeks (a RocksDB iterator each) at about 5% of the stream threads' busy time.
 *
 * <p>An instance belongs to one task's processor and assumes it is the store's only writer; make a
 * new one whenever the processor is (re)initialized, since the store may have been restored meanwhile.
 *
 * <p>Group ids may contain '/', so a scan of group "g1" also meets the entries of group "g1/x";
 * only keys whose rest after the prefix is exactly a sequence belong to the group.
 */
public final class RecentViolationsLog {

  private static final int SEQUENCE_DIGITS = 19;
  private static final Serializer<String> KEYS = Serdes.String().serializer();

  private final int bound;
  private final Map<String, Long> newestSequences;

  /**
   * @param bound how many violations per group are kept
   * @param cachedGroups of how many groups (the most recently recorded) the newest sequence is kept in memory
   */
  public RecentViolationsLog(int bound, int cachedGroups) {
    if (bound < 1 || cachedGroups < 1) {
      throw new IllegalArgumentException("bound and cachedGroups must be at least 1, got " + bound + " and " + cachedGroups);
    }
    this.bound = bound;
    this.newestSequences = new LinkedHashMap<>(16, 0.75f, true) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<String, Long> eldest) {
        return size() > cachedGroups;
      }
    };
  }

  /** Adds {@code violation} as the newest of the group {@code groupKey} ('<tenantId>/<groupId>'), dropping the oldest beyond the bound. */
  public void record(KeyValueStore<String, Violation> store, String groupKey, Violation violation) {
    Long cached = newestSequences.get(groupKey);
    long sequence = (cached != null ? cached : newestSequence(store, groupKey)) + 1;
    store.put(key(groupKey, sequence), violation);
    newestSequences.put(groupKey, sequence);
    if (sequence >= bound) {
      store.delete(key(groupKey, sequence - bound));
    }
  }

  /** At most {@code max} of the group's latest violations, newest first. */
  public static List<Violation> newestFirst(ReadOnlyKeyValueStore<String, Violation> store, String groupKey, int max) {
    List<Violation> newest = new ArrayList<>(Math.min(max, 64));
    String prefix = prefix(groupKey);
    try (KeyValueIterator<String, Violation> entries = store.prefixScan(prefix, KEYS)) {
      while (newest.size() < max && entries.hasNext()) {
        if (isSequenceKey(entries.peekNextKey(), prefix)) {
          newest.add(entries.next().value);
        } else {
          entries.next();
        }
      }
    }
    return newest;
  }

  /** The sequence of the group's newest entry, -1 when it has none; reads keys only. */
  private static long newestSequence(ReadOnlyKeyValueStore<String, Violation> store, String groupKey) {
    String prefix = prefix(groupKey);
    try (KeyValueIterator<String, Violation> entries = store.prefixScan(prefix, KEYS)) {
      while (entries.hasNext()) {
        String key = entries.peekNextKey();
        if (isSequenceKey(key, prefix)) {
          return Long.MAX_VALUE - Long.parseLong(key, prefix.length(), key.length(), 10);
        }
        entries.next();
      }
    }
    return -1;
  }

  static String key(String groupKey, long sequence) {
    String inverted = Long.toString(Long.MAX_VALUE - sequence);
    return prefix(groupKey) + "0".repeat(SEQUENCE_DIGITS - inverted.length()) + inverted;
  }

  private static String prefix(String groupKey) {
    return groupKey + RecordKeys.SEPARATOR;
  }

  private static boolean isSequenceKey(String key, String prefix) {
    if (key.length() != prefix.length() + SEQUENCE_DIGITS) {
      return false;
    }
    for (int i = prefix.length(); i < key.length(); i++) {
      if (key.charAt(i) < '0' || key.charAt(i) > '9') {
        return false;
      }
    }
    return true;
  }
}
