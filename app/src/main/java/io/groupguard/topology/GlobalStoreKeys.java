package io.groupguard.topology;

import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * The keys of one global store, as a {@link KeyFilter}, so that stream threads skip the store read
 * for a key it certainly does not hold. The global thread, the store's only writer, keeps it: it
 * adds every key it writes and, when the store opens or the filter fills up, builds a new one from
 * the store's keys (sized for twice as many) and swaps it in; readers keep using the old one,
 * which still holds every key, until then.
 */
final class GlobalStoreKeys implements InForceListener {

  /** The smallest filter: 64 Ki keys in 80 KiB. */
  static final long MIN_CAPACITY = 1L << 16;

  private volatile KeyFilter filter = new KeyFilter(MIN_CAPACITY);
  /** Keys added to the current filter; only the global thread reads or writes it. */
  private long added;

  /** The store's value for {@code key}, without reading the store when the filter rules the key out. */
  <V> V get(ReadOnlyKeyValueStore<String, V> store, String key) {
    return filter.mightContain(key) ? store.get(key) : null;
  }

  @Override
  public void opened(ReadOnlyKeyValueStore<String, ?> store) {
    rebuild(store);
  }

  @Override
  public void changed(String key, ReadOnlyKeyValueStore<String, ?> store) {
    filter.add(key);
    if (++added > filter.capacity()) {
      rebuild(store);
    }
  }

  private void rebuild(ReadOnlyKeyValueStore<String, ?> store) {
    KeyFilter next = new KeyFilter(Math.max(MIN_CAPACITY, 2 * Math.max(added, store.approximateNumEntries())));
    long count = 0;
    try (KeyValueIterator<String, ?> entries = store.all()) {
      while (entries.hasNext()) {
        KeyValue<String, ?> entry = entries.next();
        next.add(entry.key);
        count++;
      }
    }
    filter = next;
    added = count;
  }
}
