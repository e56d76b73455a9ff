package io.groupguard;

import io.groupguard.config.GroupGuardConfig;
import io.groupguard.config.StreamsProperties;
import io.groupguard.ops.TopicCreator;
import io.groupguard.rules.BlacklistLimits;
import io.groupguard.rules.BlacklistValidator;
import io.groupguard.rules.RuleLimits;
import io.groupguard.rules.RuleValidator;
import io.groupguard.serde.RestSchemaRegistryClient;
import io.groupguard.serde.SchemaRegistryClient;
import io.groupguard.topology.GroupGuardTopology;
import io.groupguard.topology.TenantRuleSetCache;
import io.groupguard.topology.Topics;
import io.groupguard.topology.limits.LimitWindows;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.Topology;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** One running GroupGuard instance: registry client, topics, topology and its KafkaStreams. */
public final class GroupGuardApp implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(GroupGuardApp.class);
  private static final Duration TOPIC_CREATION_TIMEOUT = Duration.ofSeconds(60);

  private final GroupGuardConfig config;
  private final SchemaRegistryClient registry;
  private final Topics topics;
  private final KafkaStreams streams;

  private GroupGuardApp(GroupGuardConfig config) {
    this.config = config;
    this.registry = new RestSchemaRegistryClient(config.schemaRegistryUrl(), config.schemaRegistryBasicAuth(),
        Duration.ofMillis(config.getInt(GroupGuardConfig.SCHEMA_REGISTRY_TIMEOUT_MS)));
    this.topics = Topics.from(config, registry);
    Topology topology = new GroupGuardTopology(topics, new RuleValidator(RuleLimits.defaults()),
        new BlacklistValidator(BlacklistLimits.defaults()), new TenantRuleSetCache(),
        new LimitWindows(config.limitsGrace())).build();
    this.streams = new KafkaStreams(topology, StreamsProperties.from(config));
  }

  /** Creates missing topics (when configured to), then starts processing. */
  public static GroupGuardApp start(GroupGuardConfig config) {
    GroupGuardApp app = new GroupGuardApp(config);
    if (config.getBoolean(GroupGuardConfig.TOPICS_CREATE)) {
      app.createTopics();
    }
    app.streams.start();
    LOG.info("GroupGuard {} started against {}", config.applicationId(), config.bootstrapServers());
    return app;
  }

  public Topics topics() {
    return topics;
  }

  public KafkaStreams streams() {
    return streams;
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
    streams.close(Duration.ofSeconds(30));
    registry.close();
  }
}
