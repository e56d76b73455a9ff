package io.groupguard.topology;

import java.util.Map;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Produced;

/** A topic with the serdes of its records; compacted topics hold tables (latest value per key). */
public record Topic<K, V>(String name, Serde<K> keySerde, Serde<V> valueSerde, boolean compacted) {

  public Consumed<K, V> consumed(String sourceName) {
    return Consumed.with(keySerde, valueSerde).withName(sourceName);
  }

  public Produced<K, V> produced(String sinkName) {
    return Produced.with(keySerde, valueSerde).withName(sinkName);
  }

  public NewTopic newTopic(int partitions, short replicationFactor) {
    NewTopic topic = new NewTopic(name, partitions, replicationFactor);
    return compacted ? topic.configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT)) : topic;
  }
}
