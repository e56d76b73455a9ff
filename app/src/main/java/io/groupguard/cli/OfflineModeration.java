package io.groupguard.cli;

import io.groupguard.avro.BlacklistEntry;
import io.groupguard.avro.ChatMessage;
import io.groupguard.avro.ConfigRejection;
import io.groupguard.avro.ModerationAction;
import io.groupguard.avro.ModerationRule;
import io.groupguard.avro.Violation;
import io.groupguard.config.GroupGuardConfig;
import io.groupguard.config.StreamsProperties;
import io.groupguard.embedded.EmbeddedSchemaRegistry;
import io.groupguard.rules.BlacklistKey;
import io.groupguard.serde.RestSchemaRegistryClient;
import io.groupguard.serde.SchemaRegistryClient;
import io.groupguard.ops.GroupGuardMetrics;
import io.groupguard.topology.GroupGuardTopology;
import io.groupguard.topology.TenantRuleSetCache;
import io.groupguard.topology.RecordKeys;
import io.groupguard.topology.Topic;
import io.groupguard.topology.Topics;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.utils.Utils;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;

/**
 * GroupGuard's real topology run in this process without a broker (Kafka's TopologyTestDriver),
 * so that rules tried offline behave exactly as in production, stateful limits included. Rules
 * and blacklist entries go through the same validation as live ones; messages are moderated in
 * the order given, each with its send time as event time.
 */
final class OfflineModeration implements AutoCloseable {

  /** What the topology emitted for one message. */
  record Outcome(ChatMessage message, List<Violation> violations, List<ModerationAction> actions) {
  }

  private final EmbeddedSchemaRegistry registryServer = EmbeddedSchemaRegistry.start("127.0.0.1", 0);
  private final SchemaRegistryClient registry;
  private final Path stateDir;
  private final Topics topics;
  private final TopologyTestDriver driver;
  private final TestOutputTopic<String, Violation> violations;
  private final TestOutputTopic<String, ModerationAction> actions;
  private final TestOutputTopic<String, ConfigRejection> rejections;

  OfflineModeration(Instant start) {
    try {
      stateDir = Files.createTempDirectory("groupguard-offline-");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create a temporary state directory", e);
    }
    // The driver runs one record at a time; at-least-once avoids emulating transactions for nothing.
    GroupGuardConfig config = new GroupGuardConfig(Map.of(
        GroupGuardConfig.SCHEMA_REGISTRY_URL, registryServer.url(),
        GroupGuardConfig.STATE_DIR, stateDir.toString(),
        GroupGuardConfig.APPLICATION_ID, "groupguard-offline",
        GroupGuardConfig.PROCESSING_GUARANTEE, StreamsConfig.AT_LEAST_ONCE));
    registry = new RestSchemaRegistryClient(registryServer.url(), null, Duration.ofSeconds(10));
    topics = Topics.from(config, registry);
    driver = new TopologyTestDriver(GroupGuardTopology.fromConfig(config, topics, new TenantRuleSetCache(), GroupGuardMetrics.inMemory()).build(),
        StreamsProperties.from(config), start);
    violations = output(topics.violations());
    actions = output(topics.actions());
    rejections = output(topics.rejections());
  }

  /** Puts rules and blacklist entries in force; returns those the validation rejected (the others apply). */
  List<ConfigRejection> configure(List<ModerationRule> rules, List<BlacklistEntry> blacklist, Instant at) {
    TestInputTopic<String, ModerationRule> rulesInput = input(topics.rules());
    rules.forEach(rule -> rulesInput.pipeInput(RecordKeys.rule(rule.getTenantId(), rule.getRuleId()), rule, at));
    TestInputTopic<String, BlacklistEntry> blacklistInput = input(topics.blacklist());
    blacklist.forEach(entry -> blacklistInput.pipeInput(BlacklistKey.of(entry).format(), entry, at));
    return rejections.readValuesToList();
  }

  /** Moderates one message and returns what the topology emitted for it. */
  Outcome moderate(ChatMessage message) {
    input(topics.messages()).pipeInput(RecordKeys.group(message.getTenantId(), message.getGroupId()), message,
        message.getSendTime());
    return new Outcome(message, violations.readValuesToList(), actions.readValuesToList());
  }

  private <V> TestInputTopic<String, V> input(Topic<String, V> topic) {
    return driver.createInputTopic(topic.name(), topic.keySerde().serializer(), topic.valueSerde().serializer());
  }

  private <V> TestOutputTopic<String, V> output(Topic<String, V> topic) {
    return driver.createOutputTopic(topic.name(), topic.keySerde().deserializer(), topic.valueSerde().deserializer());
  }

  @Override
  public void close() {
    driver.close();
    registry.close();
    registryServer.close();
    try {
      Utils.delete(stateDir.toFile());
    } catch (IOException e) {
      // a temporary directory left behind is harmless
    }
  }
}
