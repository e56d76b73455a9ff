package io.groupguard.topology;

import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/** Told by the global thread when a global in-force store opens and when one of its keys changes. */
interface InForceListener {

  /** A listener that ignores everything. */
  InForceListener NONE = (key, store) -> { };

  /** The store is open, restored to its topic (and maybe holding keys from an earlier run). */
  default void opened(ReadOnlyKeyValueStore<String, ?> store) {
  }

  /** {@code key} was written or deleted, after the store was changed. */
  void changed(String key, ReadOnlyKeyValueStore<String, ?> store);
}
