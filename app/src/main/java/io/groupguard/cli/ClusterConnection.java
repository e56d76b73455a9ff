package io.groupguard.cli;

import io.groupguard.avro.AdminCommand;
import io.groupguard.config.GroupGuardConfig;
import io.groupguard.serde.RestSchemaRegistryClient;
import io.groupguard.serde.SchemaRegistryClient;
import io.groupguard.serde.SpecificAvroSerde;
import io.groupguard.topology.Topic;
import io.groupguard.topology.Topics;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.Serdes;

/**
 * What an operator command needs to talk to a GroupGuard deployment: its configuration, a Schema
 * Registry client, its topics with their serdes, and Kafka client settings (with the {@code kafka.*}
 * security settings applied).
 */
final class ClusterConnection implements AutoCloseable {

  private final GroupGuardConfig config;
  private final SchemaRegistryClient registry;
  private final Topics topics;

  ClusterConnection(GroupGuardConfig config) {
    this.config = config;
    this.registry = new RestSchemaRegistryClient(config.schemaRegistryUrl(), config.schemaRegistryBasicAuth(),
        Duration.ofMillis(config.getInt(GroupGuardConfig.SCHEMA_REGISTRY_TIMEOUT_MS)));
    this.topics = Topics.from(config, registry);
  }

  GroupGuardConfig config() {
    return config;
  }

  Topics topics() {
    return topics;
  }

  SchemaRegistryClient registry() {
    return registry;
  }

  Topic<String, AdminCommand> adminCommands() {
    return new Topic<>(config.getString(GroupGuardConfig.TOPIC_ADMIN_COMMANDS), Serdes.String(),
        new SpecificAvroSerde<>(registry, AdminCommand.class, false), false);
  }

  /** Idempotent producer settings; {@code tuning} adds batching or compression. */
  Map<String, Object> producerSettings(Map<String, Object> tuning) {
    Map<String, Object> settings = clientSettings();
    settings.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    settings.put(ProducerConfig.ACKS_CONFIG, "all");
    settings.putAll(tuning);
    return settings;
  }

  /** A throw-away consumer group that reads only committed records and never commits offsets. */
  Map<String, Object> consumerSettings() {
    Map<String, Object> settings = clientSettings();
    settings.put(ConsumerConfig.GROUP_ID_CONFIG, "groupguard-cli-" + UUID.randomUUID());
    settings.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    settings.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    settings.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    return settings;
  }

  Admin admin() {
    return Admin.create(clientSettings());
  }

  private Map<String, Object> clientSettings() {
    Map<String, Object> settings = new HashMap<>(config.kafkaClientOverrides());
    settings.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers());
    return settings;
  }

  @Override
  public void close() {
    registry.close();
  }
}
