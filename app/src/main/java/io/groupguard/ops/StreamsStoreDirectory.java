package io.groupguard.ops;

import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.state.HostInfo;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/** Kafka Streams' view of key ownership (application.server of every instance) and its local stores. */
final class StreamsStoreDirectory implements StoreDirectory {

  private final KafkaStreams streams;
  private final Serializer<String> keySerializer = Serdes.String().serializer();

  StreamsStoreDirectory(KafkaStreams streams) {
    this.streams = streams;
  }

  @Override
  public HostInfo ownerOf(String storeName, String key) {
    KeyQueryMetadata metadata = streams.queryMetadataForKey(storeName, key, keySerializer);
    return metadata == null || metadata.equals(KeyQueryMetadata.NOT_AVAILABLE) ? null : metadata.activeHost();
  }

  @Override
  public ReadOnlyKeyValueStore<String, Object> localStore(String storeName) {
    return streams.store(StoreQueryParameters.fromNameAndType(storeName, QueryableStoreTypes.keyValueStore()));
  }
}
