package io.groupguard.ops;

import io.groupguard.topology.GroupGuardTopology;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.QueryableStoreTypes;

/**
 * Gauges read from a running KafkaStreams: sizes of the global rule and blacklist stores
 * (RocksDB's estimate, so approximate; NaN while the stores cannot be queried) and live stream
 * threads.
 */
final class StreamsGauges implements MeterBinder {

  private final KafkaStreams streams;

  StreamsGauges(KafkaStreams streams) {
    this.streams = streams;
  }

  @Override
  public void bindTo(MeterRegistry registry) {
    Gauge.builder("groupguard.rules.in.force", this, gauges -> gauges.approximateEntries(GroupGuardTopology.RULES_IN_FORCE_STORE))
        .description("Rules in force, all tenants (approximate)").strongReference(true).register(registry);
    Gauge.builder("groupguard.blacklist.entries", this,
            gauges -> gauges.approximateEntries(GroupGuardTopology.BLACKLIST_IN_FORCE_STORE))
        .description("Blacklist entries in force, all tenants and scopes (approximate)").strongReference(true)
        .register(registry);
    Gauge.builder("groupguard.stream.threads.alive", this, StreamsGauges::threadsAlive)
        .description("Stream threads of this instance that are not shutting down or dead").strongReference(true)
        .register(registry);
  }

  private double approximateEntries(String globalStore) {
    try {
      return streams.store(StoreQueryParameters.fromNameAndType(globalStore, QueryableStoreTypes.keyValueStore()))
          .approximateNumEntries();
    } catch (InvalidStateStoreException e) {
      return Double.NaN;
    }
  }

  private double threadsAlive() {
    return streams.metadataForLocalThreads().stream()
        .filter(thread -> !"DEAD".equals(thread.threadState()) && !"PENDING_SHUTDOWN".equals(thread.threadState()))
        .count();
  }
}
