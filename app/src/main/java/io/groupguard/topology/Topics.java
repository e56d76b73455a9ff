package io.groupguard.topology;

import io.groupguard.avro.AdminCommand;
import io.groupguard.avro.AdminCommandResult;
import io.groupguard.avro.BlacklistEntry;
import io.groupguard.avro.ChatMessage;
import io.groupguard.avro.ConfigRejection;
import io.groupguard.avro.MemberEvent;
import io.groupguard.avro.MemberRestriction;
import io.groupguard.avro.MemberStanding;
import io.groupguard.avro.MessageVerdict;
import io.groupguard.avro.ModerationAction;
import io.groupguard.avro.ModerationRule;
import io.groupguard.avro.TenantSettings;
import io.groupguard.avro.Violation;
import io.groupguard.avro.ViolationCount;
import io.groupguard.config.GroupGuardConfig;
import io.groupguard.serde.JsonRecordSerde;
import io.groupguard.serde.SchemaRegistryClient;
import io.groupguard.serde.SpecificAvroSerde;
import java.util.List;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serdes.ByteArraySerde;
import org.apache.avro.specific.SpecificRecord;

/** Every topic GroupGuard reads or writes, named from configuration, with its serdes. Immutable. */
public record Topics(
    Topic<String, ChatMessage> messages,
    Topic<String, ModerationRule> rules,
    Topic<String, BlacklistEntry> blacklist,
    Topic<String, ModerationRule> rulesInForce,
    Topic<String, BlacklistEntry> blacklistInForce,
    Topic<String, Violation> violations,
    Topic<String, ModerationAction> actions,
    Topic<String, ConfigRejection> rejections,
    Topic<byte[], byte[]> deadLetters,
    Serde<MessageVerdict> verdictSerde,
    Topic<String, MemberEvent> memberEvents,
    Topic<String, TenantSettings> tenantSettings,
    Topic<String, MemberRestriction> memberRestrictions,
    Topic<String, AdminCommand> adminCommands,
    Topic<String, AdminCommandResult> adminResults,
    Serde<MemberStanding> standingSerde,
    Topic<String, ViolationCount> violationCounts) {

  public static Topics from(GroupGuardConfig config, SchemaRegistryClient registry) {
    Serde<String> keys = Serdes.String();
    Serde<ChatMessage> messageSerde = config.messagesAsJson()
        ? new JsonRecordSerde<>(ChatMessage.class)
        : avro(registry, ChatMessage.class);
    return new Topics(
        new Topic<>(config.getString(GroupGuardConfig.TOPIC_MESSAGES), keys, messageSerde, false),
        new Topic<>(config.getString(GroupGuardConfig.TOPIC_RULES), keys, avro(registry, ModerationRule.class), true),
        new Topic<>(config.getString(GroupGuardConfig.TOPIC_BLACKLIST), keys, avro(registry, BlacklistEntry.class), true),
        new Topic<>(config.getString(GroupGuardConfig.TOPIC_RULES_IN_FORCE), keys, avro(registry, ModerationRule.class), true),
        new Topic<>(config.getString(GroupGuardConfig.TOPIC_BLACKLIST_IN_FORCE), keys,
            avro(registry, BlacklistEntry.class), true),
        new Topic<>(config.getString(GroupGuardConfig.TOPIC_VIOLATIONS), keys, avro(registry, Violation.class), false),
        new Topic<>(config.getString(GroupGuardConfig.TOPIC_ACTIONS), keys, avro(registry, ModerationAction.class), false),
        new Topic<>(config.getString(GroupGuardConfig.TOPIC_REJECTIONS), keys, avro(registry, ConfigRejection.class), false),
        new Topic<>(config.getString(GroupGuardConfig.TOPIC_DEAD_LETTERS), new ByteArraySerde(), new ByteArraySerde(), false),
        avro(registry, MessageVerdict.class),
        new Topic<>(config.getString(GroupGuardConfig.TOPIC_MEMBER_EVENTS), keys, config.messagesAsJson()
            ? new JsonRecordSerde<>(MemberEvent.class) : avro(registry, MemberEvent.class), false),
        new Topic<>(config.getString(GroupGuardConfig.TOPIC_TENANT_SETTINGS), keys, avro(registry, TenantSettings.class), true),
        new Topic<>(config.getString(GroupGuardConfig.TOPIC_MEMBER_RESTRICTIONS), keys,
            avro(registry, MemberRestriction.class), true),
        new Topic<>(config.getString(GroupGuardConfig.TOPIC_ADMIN_COMMANDS), keys, avro(registry, AdminCommand.class), false),
        new Topic<>(config.getString(GroupGuardConfig.TOPIC_ADMIN_RESULTS), keys,
            avro(registry, AdminCommandResult.class), false),
        avro(registry, MemberStanding.class),
        new Topic<>(config.getString(GroupGuardConfig.TOPIC_VIOLATION_COUNTS), keys, avro(registry, ViolationCount.class),
            false));
  }

  /** The topics GroupGuard creates when they are missing (internal ones are Kafka Streams' business). */
  public List<NewTopic> newTopics(int partitions, short replicationFactor) {
    return List.of(messages, rules, blacklist, rulesInForce, blacklistInForce, violations, actions, rejections, deadLetters,
            memberEvents, tenantSettings, memberRestrictions, adminCommands, adminResults, violationCounts)
        .stream().map(topic -> topic.newTopic(partitions, replicationFactor)).toList();
  }

  private static <T extends SpecificRecord> Serde<T> avro(SchemaRegistryClient registry, Class<T> type) {
    return new SpecificAvroSerde<>(registry, type, false);
  }
}
