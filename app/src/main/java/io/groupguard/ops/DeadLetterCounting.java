package io.groupguard.ops;

import java.util.Map;
import org.apache.kafka.common.config.ConfigException;

/** Finds the metrics facade in the configuration Kafka Streams hands to the classes it creates. */
final class DeadLetterCounting {

  private DeadLetterCounting() {
  }

  static GroupGuardMetrics metricsFrom(Map<String, ?> configs) {
    Object metrics = configs.get(GroupGuardMetrics.STREAMS_CONFIG_KEY);
    if (metrics instanceof GroupGuardMetrics facade) {
      return facade;
    }
    throw new ConfigException(GroupGuardMetrics.STREAMS_CONFIG_KEY, metrics,
        "must hold the GroupGuardMetrics instance; build the Streams properties with StreamsProperties.from");
  }
}
