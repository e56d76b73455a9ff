package io.groupguard.ops;

import org.apache.kafka.streams.state.HostInfo;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/** Where the partition holding a key of a store lives, and this instance's part of the store. */
interface StoreDirectory {

  /** The instance whose active task holds the key, or null while nobody does (start, rebalance). */
  HostInfo ownerOf(String storeName, String key);

  /**
   * This instance's partitions of the key-value store.
   *
   * @throws org.apache.kafka.streams.errors.InvalidStateStoreException when the store cannot be
   *     queried here right now (migrating, restoring); reads of the returned store may throw it too
   */
  ReadOnlyKeyValueStore<String, Object> localStore(String storeName);
}
