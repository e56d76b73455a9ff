package io.groupguard.topology;

import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.apache.kafka.common.utils.Utils;
import org.apache.kafka.streams.processor.StreamPartitioner;

/**
 * Partitions by a part of the key (the tenant, or a blacklist scope) so that everything a
 * quota counts lands on one partition, while the key itself (and so tombstones) stays whole.
 */
final class PartitionByTenant<V> implements StreamPartitioner<String, V> {

  private final Function<String, String> partitionKey;

  PartitionByTenant(Function<String, String> partitionKey) {
    this.partitionKey = partitionKey;
  }

  static <V> PartitionByTenant<V> tenant() {
    return new PartitionByTenant<>(RecordKeys::tenantOf);
  }

  @Override
  public Optional<Set<Integer>> partitions(String topic, String key, V value, int numPartitions) {
    if (key == null) {
      return Optional.empty();
    }
    byte[] bytes = partitionKey.apply(key).getBytes(java.nio.charset.StandardCharsets.UTF_8);
    return Optional.of(Set.of(Utils.toPositive(Utils.murmur2(bytes)) % numPartitions));
  }
}
