package io.groupguard.config;

import java.util.Properties;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.LogAndContinueExceptionHandler;
import org.apache.kafka.streams.errors.LogAndContinueProcessingExceptionHandler;

/** Kafka Streams settings derived from GroupGuard's configuration. */
public final class StreamsProperties {

  private StreamsProperties() {
  }

  public static Properties from(GroupGuardConfig config) {
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
    props.put(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG, LogAndContinueExceptionHandler.class);
    props.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG, LogAndContinueProcessingExceptionHandler.class);
    props.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_GLOBAL_ENABLED_CONFIG, true);
    // Refuse to start if any internal topic or store would get a generated name.
    props.put(StreamsConfig.ENSURE_EXPLICIT_INTERNAL_RESOURCE_NAMING_CONFIG, true);
    return props;
  }
}
