package io.groupguard.ops;

import io.groupguard.topology.GroupGuardTopology;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.streams.state.RocksDBConfigSetter;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.Cache;
import org.rocksdb.LRUCache;
import org.rocksdb.Options;
import org.rocksdb.RocksDB;
import org.rocksdb.WriteBufferManager;

/**
 * Bounds the off-heap memory of all RocksDB stores of the process, following Kafka Streams'
 * documented pattern (memory management guide, "RocksDB"): every store shares ONE block cache
 * (an LRU cache with a strict capacity) and ONE write buffer manager that charges memtables to
 * that same cache, and index and filter blocks live in the cache (high priority, level 0 and the
 * top-level index pinned) instead of growing outside it. The memtables of the global stores
 * looked up per message get a whole-key bloom filter, so lookups skip those that cannot hold the key.
 *
 * <p>Kafka Streams creates a setter per store, so the cache is shared through a process-wide
 * table keyed by the budget: instances configured alike share one budget; the native objects
 * live as long as the process, because stores reopen (rebalances, restarts of a thread) at any
 * time. The budget is read from the Streams configuration keys below, which StreamsProperties
 * copies from GroupGuard's {@code rocksdb.*} settings.
 */
public final class BoundedMemoryRocksDBConfig implements RocksDBConfigSetter {

  public static final String TOTAL_MEMORY_BYTES_CONFIG = "rocksdb.total.memory.bytes";
  public static final String WRITE_BUFFER_RATIO_CONFIG = "rocksdb.write.buffer.ratio";

  /** Share of the cache reserved for index and filter blocks, which are read on every lookup. */
  static final double INDEX_FILTER_HIGH_PRIORITY_RATIO = 0.1;

  /** Size of each memtable's bloom filter relative to the memtable (RocksDB allows up to 0.25). */
  static final double MEMTABLE_BLOOM_RATIO = 0.1;

  /**
   * The global stores every message looks up. Only they get memtable bloom filters: with filters on every store,
   * loading the benchmark's 2,000,000 blacklist entries took minutes instead of about one, RocksDB flushing and
   * compacting throughout (likely because a filter is allocated whole with each memtable and charged to the
   * write buffer budget, which an instance's hundred-odd stores and window segments then exceed).
   */
  static final Set<String> POINT_LOOKUP_STORES =
      Set.of(GroupGuardTopology.BLACKLIST_IN_FORCE_STORE, GroupGuardTopology.MEMBER_RESTRICTIONS_STORE);

  record Budget(long totalBytes, double writeBufferRatio) {
  }

  /** The cache and write buffer manager of one budget. */
  record SharedMemory(Cache cache, WriteBufferManager writeBufferManager) {
  }

  private static final Map<Budget, SharedMemory> SHARED = new ConcurrentHashMap<>();

  static {
    RocksDB.loadLibrary();
  }

  @Override
  public void setConfig(String storeName, Options options, Map<String, Object> configs) {
    SharedMemory memory = sharedMemory(budgetOf(configs));
    BlockBasedTableConfig tableConfig = (BlockBasedTableConfig) options.tableFormatConfig();
    tableConfig.setBlockCache(memory.cache());
    tableConfig.setCacheIndexAndFilterBlocks(true);
    tableConfig.setCacheIndexAndFilterBlocksWithHighPriority(true);
    tableConfig.setPinL0FilterAndIndexBlocksInCache(true);
    tableConfig.setPinTopLevelIndexAndFilter(true);
    options.setTableFormatConfig(tableConfig);
    options.setWriteBufferManager(memory.writeBufferManager());
    if (POINT_LOOKUP_STORES.contains(storeName)) {
      filterMemtableLookups(options);
    }
  }

  /**
   * Gives every memtable a whole-key bloom filter. A point lookup searches every memtable's skip list before
   * the files, with a cache miss per level; in the end-to-end benchmark's CPU profile that search took most of
   * the global stores' gets. The filter answers "not here" for most keys a memtable does not hold.
   */
  public static void filterMemtableLookups(Options options) {
    options.setMemtableWholeKeyFiltering(true);
    options.setMemtablePrefixBloomSizeRatio(MEMTABLE_BLOOM_RATIO);
  }

  @Override
  public void close(String storeName, Options options) {
    // The cache and write buffer manager are shared by every store: never closed per store.
  }

  static SharedMemory sharedMemory(Budget budget) {
    return SHARED.computeIfAbsent(budget, b -> {
      Cache cache = new LRUCache(b.totalBytes(), -1, true, INDEX_FILTER_HIGH_PRIORITY_RATIO);
      return new SharedMemory(cache, new WriteBufferManager((long) (b.totalBytes() * b.writeBufferRatio()), cache));
    });
  }

  static Budget budgetOf(Map<String, Object> configs) {
    return new Budget(number(configs, TOTAL_MEMORY_BYTES_CONFIG).longValue(),
        number(configs, WRITE_BUFFER_RATIO_CONFIG).doubleValue());
  }

  private static Number number(Map<String, Object> configs, String key) {
    Object value = configs.get(key);
    if (value instanceof Number number) {
      return number;
    }
    throw new ConfigException(key, value, "must be set (a number) when " + BoundedMemoryRocksDBConfig.class.getSimpleName()
        + " is the rocksdb.config.setter");
  }
}
