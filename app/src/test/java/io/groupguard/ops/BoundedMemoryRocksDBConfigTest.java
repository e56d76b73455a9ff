package io.groupguard.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.groupguard.topology.GroupGuardTopology;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.streams.state.internals.BlockBasedTableConfigWithAccessibleCache;
import org.junit.jupiter.api.Test;
import org.rocksdb.Options;

class BoundedMemoryRocksDBConfigTest {

  private static final Map<String, Object> BUDGET = Map.of(
      BoundedMemoryRocksDBConfig.TOTAL_MEMORY_BYTES_CONFIG, 64L * 1024 * 1024,
      BoundedMemoryRocksDBConfig.WRITE_BUFFER_RATIO_CONFIG, 0.25);

  private final BoundedMemoryRocksDBConfig setter = new BoundedMemoryRocksDBConfig();

  @Test
  void everyStoreSharesOneBlockCacheAndOneWriteBufferManager() {
    try (Options rules = optionsAsKafkaStreamsOpensThem(); Options blacklist = optionsAsKafkaStreamsOpensThem()) {
      setter.setConfig("rules-in-force-store", rules, BUDGET);
      setter.setConfig("blacklist-in-force-store", blacklist, BUDGET);

      BlockBasedTableConfigWithAccessibleCache rulesTable = (BlockBasedTableConfigWithAccessibleCache) rules.tableFormatConfig();
      BlockBasedTableConfigWithAccessibleCache blacklistTable =
          (BlockBasedTableConfigWithAccessibleCache) blacklist.tableFormatConfig();
      assertThat(rulesTable.blockCache()).isNotNull().isSameAs(blacklistTable.blockCache());
      assertThat(rules.writeBufferManager()).isNotNull().isSameAs(blacklist.writeBufferManager());
    }
  }

  @Test
  void indexAndFilterBlocksLiveInTheCacheWithLevelZeroPinned() {
    try (Options options = optionsAsKafkaStreamsOpensThem()) {
      setter.setConfig("recent-violations-store", options, BUDGET);

      BlockBasedTableConfigWithAccessibleCache table = (BlockBasedTableConfigWithAccessibleCache) options.tableFormatConfig();
      assertThat(table.cacheIndexAndFilterBlocks()).isTrue();
      assertThat(table.cacheIndexAndFilterBlocksWithHighPriority()).isTrue();
      assertThat(table.pinL0FilterAndIndexBlocksInCache()).isTrue();
      assertThat(table.pinTopLevelIndexAndFilter()).isTrue();
    }
  }

  @Test
  void onlyTheGlobalStoresLookedUpPerMessageHaveMemtableBloomFilters() {
    try (Options blacklist = optionsAsKafkaStreamsOpensThem(); Options restrictions = optionsAsKafkaStreamsOpensThem();
        Options standing = optionsAsKafkaStreamsOpensThem()) {
      setter.setConfig(GroupGuardTopology.BLACKLIST_IN_FORCE_STORE, blacklist, BUDGET);
      setter.setConfig(GroupGuardTopology.MEMBER_RESTRICTIONS_STORE, restrictions, BUDGET);
      setter.setConfig(GroupGuardTopology.MEMBER_STANDING_STORE, standing, BUDGET);

      for (Options lookedUp : List.of(blacklist, restrictions)) {
        assertThat(lookedUp.memtableWholeKeyFiltering()).isTrue();
        assertThat(lookedUp.memtablePrefixBloomSizeRatio()).isEqualTo(BoundedMemoryRocksDBConfig.MEMTABLE_BLOOM_RATIO);
      }
      assertThat(standing.memtablePrefixBloomSizeRatio()).isZero();
    }
  }

  @Test
  void aDifferentBudgetGetsItsOwnCache() {
    Map<String, Object> smaller = Map.of(
        BoundedMemoryRocksDBConfig.TOTAL_MEMORY_BYTES_CONFIG, 32L * 1024 * 1024,
        BoundedMemoryRocksDBConfig.WRITE_BUFFER_RATIO_CONFIG, 0.25);
    try (Options a = optionsAsKafkaStreamsOpensThem(); Options b = optionsAsKafkaStreamsOpensThem()) {
      setter.setConfig("store", a, BUDGET);
      setter.setConfig("store", b, smaller);

      assertThat(((BlockBasedTableConfigWithAccessibleCache) a.tableFormatConfig()).blockCache())
          .isNotSameAs(((BlockBasedTableConfigWithAccessibleCache) b.tableFormatConfig()).blockCache());
    }
  }

  @Test
  void refusesToRunWithoutABudget() {
    try (Options options = optionsAsKafkaStreamsOpensThem()) {
      assertThatThrownBy(() -> setter.setConfig("store", options, Map.of()))
          .isInstanceOf(ConfigException.class)
          .hasMessageContaining(BoundedMemoryRocksDBConfig.TOTAL_MEMORY_BYTES_CONFIG);
    }
  }

  /** Kafka Streams hands the setter options whose table format exposes its cache. */
  private static Options optionsAsKafkaStreamsOpensThem() {
    Options options = new Options();
    options.setTableFormatConfig(new BlockBasedTableConfigWithAccessibleCache());
    return options;
  }
}
