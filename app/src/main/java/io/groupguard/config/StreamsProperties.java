package io.groupguard.config;

import io.groupguard.ops.BoundedMemoryRocksDBConfig;
import io.groupguard.ops.CountingDeserializationExceptionHandler;
import io.groupguard.ops.CountingProcessingExceptionHandler;
import io.groupguard.ops.GroupGuardMetrics;
import java.util.Properties;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.streams.StreamsConfig;

/** Kafka Streams settings derived from GroupGuard's configuration. */
public final class StreamsProperties {

  private static final int PRODUCER_BATCH_BYTES = 128 * 1024;

  private StreamsProperties() {
  }

  /** Settings whose dead-letter count goes to metrics nobody exports: for tests of the topology. */
  public static Properties from(GroupGuardConfig config) {
    return from(config, GroupGuardMetrics.inMemory());
  }

  public static Properties from(GroupGuardConfig config, GroupGuardMetrics metrics) {
    Properties props = new Properties();
    props.putAll(config.kafkaClientOverrides());
    props.put(StreamsConfig.APPLICATION_ID_CONFIG, config.applicationId());
    props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers());
    props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, config.getString(GroupGuardConfig.PROCESSING_GUARANTEE));
    props.put(StreamsConfig.STATE_DIR_CONFIG, config.getString(GroupGuardConfig.STATE_DIR));
    props.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, config.getInt(GroupGuardConfig.NUM_STREAM_THREADS));
    props.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, config.getLong(GroupGuardConfig.COMMIT_INTERVAL_MS));
    props.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, (int) config.getShort(GroupGuardConfig.TOPICS_REPLICATION_FACTOR));
    // Unreadable or unprocessable input goes, unchanged and with the reason in headers, to the
    // dead-letter topic (Kafka Streams' own DLQ, KIP-1034); processing continues.
    props.put(StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG, config.getString(GroupGuardConfig.TOPIC_DEAD_LETTERS));
    props.put(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG, CountingDeserializationExceptionHandler.class);
    props.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG, CountingProcessingExceptionHandler.class);
    props.put(GroupGuardMetrics.STREAMS_CONFIG_KEY, metrics); // the handlers count dead letters here
    props.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_GLOBAL_ENABLED_CONFIG, true);
    // Refuse to start if any internal topic or store would get a generated name.
    props.put(StreamsConfig.ENSURE_EXPLICIT_INTERNAL_RESOURCE_NAMING_CONFIG, true);
    // All RocksDB stores of the process share one bounded block cache and write buffer budget.
    props.put(StreamsConfig.ROCKSDB_CONFIG_SETTER_CLASS_CONFIG, BoundedMemoryRocksDBConfig.class);
    props.put(BoundedMemoryRocksDBConfig.TOTAL_MEMORY_BYTES_CONFIG, config.getLong(GroupGuardConfig.ROCKSDB_TOTAL_MEMORY_BYTES));
    props.put(BoundedMemoryRocksDBConfig.WRITE_BUFFER_RATIO_CONFIG, config.getDouble(GroupGuardConfig.ROCKSDB_WRITE_BUFFER_RATIO));
    // Every exactly-once commit flushes the producer, so bigger batches add no latency; they cut the
    // produce requests per commit for the changelogs, repartition and output topics (kafka.producer.batch.size wins).
    props.putIfAbsent(StreamsConfig.producerPrefix(ProducerConfig.BATCH_SIZE_CONFIG), PRODUCER_BATCH_BYTES);
    return props;
  }
}
