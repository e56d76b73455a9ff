package io.groupguard.ops;

import org.apache.kafka.streams.state.HostInfo;

/** Where the partition holding a key of a store lives, and local reads of it. */
interface StoreDirectory {

  /** The instance whose active task holds the key, or null while nobody does (start, rebalance). */
  HostInfo ownerOf(String storeName, String key);

  /**
   * The key's value in this instance's store, or null when absent.
   *
   * @throws org.apache.kafka.streams.errors.InvalidStateStoreException when the store cannot be
   *     queried here right now (migrating, restoring)
   */
  Object getLocal(String storeName, String key);
}
