package io.groupguard;

import io.groupguard.config.GroupGuardConfig;
import io.groupguard.ops.OpsServer;
import io.groupguard.ops.StreamThreadReplacer;
import io.groupguard.ops.TopicCreator;
import io.groupguard.serde.RestSchemaRegistryClient;
import io.groupguard.serde.WaitingSchemaRegistryClient;
import io.groupguard.topology.GroupGuardTopology;
import io.groupguard.topology.TenantRuleSetCache;
import io.groupguard.topology.Topics;
import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.errors.ProcessorStateException;
import org.rocksdb.RocksDBException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** One running GroupGuard instance: registry client, topics, topology and its KafkaStreams. */
public final class GroupGuardApp implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(GroupGuardApp.class);
  private static final Duration TOPIC_CREATION_TIMEOUT = Duration.ofSeconds(60);
  /** How long a failed stream thread waits before it is replaced (e.g. while the schema registry is down). */
  private static final Duration THREAD_REPLACEMENT_BACKOFF = Duration.ofSeconds(2);
  /** Longest pause between two lookups while the schema registry is down: decisions resume this soon after it is back. */
  private static final Duration REGISTRY_RETRY_BACKOFF_MAX = Duration.ofSeconds(1);

  private final GroupGuardConfig config;
  private final WaitingSchemaRegistryClient registry;
  private final Topics topics;
  private final OpsServer ops;
  private final KafkaStreams streams;

  private GroupGuardApp(GroupGuardConfig config) {
    this.config = config;
    this.registry = new WaitingSchemaRegistryClient(new RestSchemaRegistryClient(config.schemaRegistryUrl(),
        config.schemaRegistryBasicAuth(), Duration.ofMillis(config.getInt(GroupGuardConfig.SCHEMA_REGISTRY_TIMEOUT_MS))),
        REGISTRY_RETRY_BACKOFF_MAX);
    this.topics = Topics.from(config, registry);
    this.ops = OpsServer.create(config);
    ops.metrics().schemaRegistryWaiting(registry::waitingCalls);
    TenantRuleSetCache ruleSets = new TenantRuleSetCache();
    Topology topology = GroupGuardTopology.fromConfig(config, topics, ruleSets, ops.metrics()).build();
    this.streams = new KafkaStreams(topology, ops.streamsProperties(config));
    streams.setUncaughtExceptionHandler(new StreamThreadReplacer(THREAD_REPLACEMENT_BACKOFF));
    ops.attach(streams, ruleSets);
  }

  /**
   * Creates missing topics (when configured to), then starts processing. A local store that RocksDB cannot
   * open at the start (a kill -9 while Kafka Streams wiped or created it leaves such a directory, and Kafka
   * Streams 4.3.1 then gives up) makes the instance delete its local state and start again: the changelog
   * topics hold all of it, so nothing is lost, only the time to restore it.
   */
  public static GroupGuardApp start(GroupGuardConfig config) {
    GroupGuardApp app = new GroupGuardApp(config);
    if (config.getBoolean(GroupGuardConfig.TOPICS_CREATE)) {
      app.createTopics();
    }
    try {
      app.streams.start();
    } catch (ProcessorStateException e) {
      if (!causedByRocksDb(e)) {
        throw e;
      }
      LOG.warn("A local state store cannot be opened ({}); deleting the local state under {} and restoring it from"
          + " the changelog topics", e.getMessage(), config.getString(GroupGuardConfig.STATE_DIR));
      app.close();
      app = new GroupGuardApp(config);
      app.streams.cleanUp();
      app.streams.start();
    }
    LOG.info("GroupGuard {} started against {}{}", config.applicationId(), config.bootstrapServers(),
        app.httpUrl().map(url -> "; health, metrics and queries at " + url).orElse(""));
    return app;
  }

  private static boolean causedByRocksDb(Throwable failure) {
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      if (cause instanceof RocksDBException) {
        return true;
      }
    }
    return false;
  }

  public Topics topics() {
    return topics;
  }

  public KafkaStreams streams() {
    return streams;
  }

  /** Where /health, /ready, /metrics and the queries are served, unless HTTP is disabled. */
  public Optional<URI> httpUrl() {
    return ops.url();
  }

  private void createTopics() {
    Map<String, Object> adminProps = new HashMap<>(config.kafkaClientOverrides());
    adminProps.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers());
    try (Admin admin = Admin.create(adminProps)) {
      new TopicCreator(admin, TOPIC_CREATION_TIMEOUT).createMissing(topics.newTopics(
          config.getInt(GroupGuardConfig.TOPICS_PARTITIONS), config.getShort(GroupGuardConfig.TOPICS_REPLICATION_FACTOR)));
    }
  }

  @Override
  public void close() {
    registry.stopWaiting(); // a stream thread waiting for the registry must not hold up the close
    streams.close(Duration.ofMillis(config.getLong(GroupGuardConfig.SHUTDOWN_TIMEOUT_MS)));
    ops.close();
    registry.close();
  }
}
