package io.groupguard.topology;

import io.groupguard.avro.AdminCommand;
import io.groupguard.avro.AdminCommandResult;
import io.groupguard.avro.BlacklistEntry;
import io.groupguard.avro.ChatMessage;
import io.groupguard.avro.ConfigRejection;
import io.groupguard.avro.MemberEvent;
import io.groupguard.avro.MemberRestriction;
import io.groupguard.avro.ModerationAction;
import io.groupguard.avro.ModerationRule;
import io.groupguard.avro.TenantSettings;
import io.groupguard.avro.Violation;
import io.groupguard.avro.ViolationCount;
import io.groupguard.config.GroupGuardConfig;
import io.groupguard.config.StreamsProperties;
import io.groupguard.embedded.EmbeddedSchemaRegistry;
import io.groupguard.ops.GroupGuardMetrics;
import io.groupguard.serde.RestSchemaRegistryClient;
import io.groupguard.serde.SchemaRegistryClient;
import io.groupguard.topology.limits.LimitWindows;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.utils.Utils;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyTestDriver;

/**
 * The whole topology in a TopologyTestDriver, with a real (embedded, HTTP) schema registry,
 * and typed input and output topics. One per test; close it.
 */
final class TopologyFixture implements AutoCloseable {

  static final Instant START = Instant.parse("2026-11-20T09:00:00Z");

  final EmbeddedSchemaRegistry registry = EmbeddedSchemaRegistry.start("127.0.0.1", 0);
  final SchemaRegistryClient registryClient;
  final GroupGuardConfig config;
  final GroupGuardMetrics metrics = GroupGuardMetrics.inMemory();
  final Topics topics;
  final Topology topology;
  final TopologyTestDriver driver;
  final TestInputTopic<String, ModerationRule> rules;
  final TestInputTopic<String, BlacklistEntry> blacklist;
  final TestInputTopic<String, ChatMessage> messages;
  final TestInputTopic<String, byte[]> rawMessages;
  final TestOutputTopic<String, Violation> violations;
  final TestOutputTopic<String, ModerationAction> actions;
  final TestOutputTopic<String, ConfigRejection> rejections;
  final TestOutputTopic<byte[], byte[]> deadLetters;
  final TestInputTopic<String, MemberEvent> memberEvents;
  final TestInputTopic<String, TenantSettings> tenantSettings;
  final TestInputTopic<String, AdminCommand> adminCommands;
  final TestOutputTopic<String, AdminCommandResult> adminResults;
  final TestOutputTopic<String, MemberRestriction> memberRestrictions;
  final TestOutputTopic<String, ViolationCount> violationCounts;

  TopologyFixture() throws Exception {
    this(Map.of());
  }

  TopologyFixture(Map<String, Object> overrides) throws Exception {
    Map<String, Object> values = new HashMap<>();
    // TopologyTestDriver's exactly-once emulation loses dead-letter records that are produced
    // while a record is enqueued (deserialization errors); exactly-once is covered by the ITs.
    values.put(GroupGuardConfig.PROCESSING_GUARANTEE, StreamsConfig.AT_LEAST_ONCE);
    values.putAll(overrides);
    values.put(GroupGuardConfig.SCHEMA_REGISTRY_URL, registry.url());
    values.put(GroupGuardConfig.STATE_DIR, Files.createTempDirectory("groupguard-ttd-").toString());
    config = new GroupGuardConfig(values);
    registryClient = new RestSchemaRegistryClient(registry.url(), null, Duration.ofSeconds(5));
    topics = Topics.from(config, registryClient);
    topology = GroupGuardTopology.fromConfig(config, topics, new TenantRuleSetCache(), metrics).build();
    Properties props = StreamsProperties.from(config, metrics);
    driver = new TopologyTestDriver(topology, props, START);
    rules = input(topics.rules());
    blacklist = input(topics.blacklist());
    messages = input(topics.messages());
    rawMessages = driver.createInputTopic(topics.messages().name(), new StringSerializer(), new ByteArraySerializer(),
        START, Duration.ofMillis(10));
    violations = output(topics.violations());
    actions = output(topics.actions());
    rejections = output(topics.rejections());
    deadLetters = output(topics.deadLetters());
    memberEvents = input(topics.memberEvents());
    tenantSettings = input(topics.tenantSettings());
    adminCommands = input(topics.adminCommands());
    adminResults = output(topics.adminResults());
    memberRestrictions = output(topics.memberRestrictions());
    violationCounts = output(topics.violationCounts());
  }

  private <K, V> TestInputTopic<K, V> input(Topic<K, V> topic) {
    return driver.createInputTopic(topic.name(), topic.keySerde().serializer(), topic.valueSerde().serializer(),
        START, Duration.ofMillis(10));
  }

  private <K, V> TestOutputTopic<K, V> output(Topic<K, V> topic) {
    return driver.createOutputTopic(topic.name(), topic.keySerde().deserializer(), topic.valueSerde().deserializer());
  }

  void putRule(ModerationRule rule) {
    rules.pipeInput(RecordKeys.rule(rule.getTenantId(), rule.getRuleId()), rule);
  }

  /** Sends the message as the platform does: produced when the member sent it (record timestamp = sendTime). */
  void send(ChatMessage message) {
    messages.pipeInput(RecordKeys.group(message.getTenantId(), message.getGroupId()), message, message.getSendTime());
  }

  static ChatMessage.Builder message(String tenant, String group, String messageId, String sender, String text) {
    return ChatMessage.newBuilder()
        .setTenantId(tenant)
        .setGroupId(group)
        .setGroupOwnerId("owner-1")
        .setMessageId(messageId)
        .setSenderId(sender)
        .setSendTime(START)
        .setText(text);
  }

  @Override
  public void close() {
    driver.close();
    registryClient.close();
    registry.close();
    try {
      Utils.delete(Path.of(config.getString(GroupGuardConfig.STATE_DIR)).toFile());
    } catch (java.io.IOException e) {
      // a temp dir left behind is harmless
    }
  }
}
