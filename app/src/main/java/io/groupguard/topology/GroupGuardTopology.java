package io.groupguard.topology;

import io.groupguard.avro.AdminCommand;
import io.groupguard.avro.BlacklistEntry;
import io.groupguard.avro.ChatMessage;
import io.groupguard.avro.MemberEvent;
import io.groupguard.avro.MessageVerdict;
import io.groupguard.avro.ModerationRule;
import io.groupguard.avro.Violation;
import io.groupguard.enforcement.AdminCommandProcessor;
import io.groupguard.enforcement.EnforcementOutput;
import io.groupguard.enforcement.EnforcementProcessor;
import io.groupguard.enforcement.EnforcementSettings;
import io.groupguard.config.GroupGuardConfig;
import io.groupguard.rules.RuleLimits;
import io.groupguard.rules.BlacklistLimits;
import io.groupguard.avro.ViolationCount;
import io.groupguard.ops.GroupGuardMetrics;
import io.groupguard.rules.BlacklistValidator;
import io.groupguard.rules.RuleValidator;
import java.time.Duration;
import io.groupguard.topology.limits.LimitWindows;
import java.util.Map;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.processor.api.ProcessorSupplier;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/**
 * Builds GroupGuard's topology; never starts it, so TopologyTestDriver can run all of it.
 *
 * <p>Configuration path: rules and blacklist entries are repartitioned by tenant (or blacklist
 * scope), validated against what is in force, and the valid ones written to compacted
 * in-force topics; every instance loads those into global RocksDB stores. Message path:
 * messages (partitioned by group) are checked against the global stores and the per-member
 * rate and duplicate windows; the violations of one message form one verdict, written to the
 * violations topic and repartitioned by tenant+member, where enforcement decides the actions.
 * Joins of blacklisted members become verdicts too. Enforcement keeps each member's strikes, and
 * apart from them the member's restriction per group, in local stores shared with the
 * admin-command handler, and publishes mutes and kicks to a
 * compacted topic that every instance loads into a global store, so message evaluation
 * (partitioned by group) sees them. The violations topic also feeds a store of each group's
 * latest violations (queried over HTTP) and the analysts' hourly counts.
 *
 * <p>Flood limits count one content across all of a tenant's groups, which the group
 * partitioning scatters. So a message whose group has a flood limit does not get its verdict
 * on the group path: its verdict so far (maybe empty) is repartitioned by tenant+content
 * fingerprint, where the flood detector adds FLOOD violations and only then emits the verdict,
 * if it holds any violation. Every message thus takes exactly one of the two paths and yields
 * at most one verdict; messages of groups without flood limits skip the extra hop.
 *
 * <p>Every node, store and internal topic has a constant name below; a test pins
 * {@code describe()} so that a refactoring cannot orphan state by renumbering.
 */
public final class GroupGuardTopology {

  public static final String RULES_SOURCE = "rules-source";
  public static final String RULES_BY_TENANT = "rules-by-tenant";
  public static final String RULE_VALIDATOR = "rule-validator";
  public static final String RULES_VALIDATED_STORE = "rules-validated-store";
  public static final String RULE_OUTCOMES = "rule-outcomes";

  public static final String BLACKLIST_SOURCE = "blacklist-source";
  public static final String BLACKLIST_BY_SCOPE = "blacklist-by-scope";
  public static final String BLACKLIST_VALIDATOR = "blacklist-validator";
  public static final String BLACKLIST_VALIDATED_STORE = "blacklist-validated-store";
  public static final String BLACKLIST_SCOPE_SIZES_STORE = "blacklist-scope-sizes-store";
  public static final String BLACKLIST_OUTCOMES = "blacklist-outcomes";

  public static final String RULES_IN_FORCE_LOADER = "rules-in-force-loader";
  public static final String RULES_IN_FORCE_STORE = "rules-in-force-store";
  public static final String BLACKLIST_IN_FORCE_LOADER = "blacklist-in-force-loader";
  public static final String BLACKLIST_IN_FORCE_STORE = "blacklist-in-force-store";

  public static final String MESSAGES_SOURCE = "messages-source";
  public static final String MESSAGE_MODERATOR = "message-moderator";
  public static final String RATE_LIMIT_STORE = "rate-limit-store";
  public static final String DUPLICATE_LIMIT_STORE = "duplicate-limit-store";
  public static final String MODERATION_ROUTES = "moderation-";
  public static final String AWAITING_FLOOD_CHECK = "awaiting-flood-check";
  public static final String DECIDED_VERDICTS = "decided-verdicts";
  public static final String VERDICTS_BY_CONTENT = "verdicts-by-content";
  public static final String FLOOD_DETECTOR = "flood-detector";
  public static final String FLOOD_LIMIT_STORE = "flood-limit-store";
  public static final String FLOOD_VERDICT_VIOLATIONS = "flood-verdict-violations";
  public static final String FLOOD_VIOLATIONS_SINK = "flood-violations-sink";
  public static final String FLOOD_VERDICTS_BY_MEMBER = "flood-verdicts-by-member";
  public static final String VERDICTS = "verdicts";
  public static final String VERDICT_VIOLATIONS = "verdict-violations";
  public static final String VIOLATIONS_SINK = "violations-sink";
  public static final String VERDICTS_BY_MEMBER = "verdicts-by-member";
  public static final String ENFORCER = "enforcer";
  public static final String ACTIONS_SINK = "actions-sink";
  public static final String ACTIONS_METERED = "actions-metered";

  public static final String VIOLATIONS_SOURCE = "violations-source";
  public static final String RECENT_VIOLATIONS_RECORDER = "recent-violations-recorder";
  /** One entry per violation ({@link RecentViolationsLog}); renamed from the list-per-group "recent-violations-store". */
  public static final String RECENT_VIOLATIONS_STORE = "recent-violations-log-store";
  /** How many of a group's latest violations the recent-violations store keeps. */
  public static final int RECENT_VIOLATIONS_PER_GROUP = 50;
  public static final String VIOLATION_COUNTER = "violation-counter";
  /** Counts per window and count key ({@link ViolationCounter}); replaced the repartitioned DSL count's "violation-counts-store". */
  public static final String VIOLATION_COUNTS_STORE = "violation-counts-by-group-store";
  public static final String VIOLATION_COUNTS_SINK = "violation-counts-sink";

  /** Size of the analysts' violation count windows. */
  public static final Duration VIOLATION_COUNT_WINDOW = Duration.ofHours(1);

  public static final String MEMBER_EVENTS_SOURCE = "member-events-source";
  public static final String MEMBER_EVENT_MODERATOR = "member-event-moderator";
  public static final String JOIN_VERDICT_VIOLATIONS = "join-verdict-violations";
  public static final String JOIN_VIOLATIONS_SINK = "join-violations-sink";
  public static final String JOIN_VERDICTS_BY_MEMBER = "join-verdicts-by-member";
  public static final String VERDICTS_WITH_JOINS = "verdicts-with-joins";
  public static final String TENANT_SETTINGS_LOADER = "tenant-settings-loader";
  public static final String TENANT_SETTINGS_STORE = "tenant-settings-store";
  public static final String MEMBER_RESTRICTIONS_LOADER = "member-restrictions-loader";
  public static final String MEMBER_RESTRICTIONS_STORE = "member-restrictions-store";
  public static final String MEMBER_STANDING_STORE = "member-standing-store";
  /** A member's restriction per group, apart from the strikes (a spammer may be kicked from thousands of groups). */
  public static final String MEMBER_GROUP_RESTRICTION_STORE = "member-group-restriction-store";
  public static final String ADMIN_COMMANDS_SOURCE = "admin-commands-source";
  public static final String ADMIN_COMMANDS_MEMBER_KEY = "admin-commands-member-key";
  public static final String ADMIN_COMMANDS_BY_MEMBER = "admin-commands-by-member";
  public static final String ADMIN_COMMAND_HANDLER = "admin-command-handler";
  public static final String ENFORCEMENT_OUTPUTS = "enforcement-outputs";
  public static final String MEMBER_RESTRICTIONS_SINK = "member-restrictions-sink";
  public static final String ADMIN_RESULTS_SINK = "admin-results-sink";

  private final Topics topics;
  private final RuleValidator ruleValidator;
  private final BlacklistValidator blacklistValidator;
  private final TenantRuleSetCache ruleSets;
  private final EnforcementSettings enforcement;
  private final LimitWindows limitWindows;
  private final GroupGuardMetrics metrics;
  private final Duration violationCountsGrace;
  /** Which members the blacklist store may hold and which members may be muted: most messages need neither store read. */
  private final GlobalStoreKeys blacklistKeys = new GlobalStoreKeys();
  private final GlobalStoreKeys restrictionKeys = new GlobalStoreKeys();

  /** The topology as configured: default limits, and the enforcement, limit and analyst settings of {@code config}. */
  public static GroupGuardTopology fromConfig(GroupGuardConfig config, Topics topics, TenantRuleSetCache ruleSets,
      GroupGuardMetrics metrics) {
    return new GroupGuardTopology(topics, new RuleValidator(RuleLimits.defaults()),
        new BlacklistValidator(BlacklistLimits.defaults()), ruleSets, EnforcementSettings.from(config),
        new LimitWindows(config.limitsGrace()), metrics,
        Duration.ofMillis(config.getLong(GroupGuardConfig.VIOLATION_COUNTS_GRACE_MS)));
  }

  public GroupGuardTopology(Topics topics, RuleValidator ruleValidator, BlacklistValidator blacklistValidator,
      TenantRuleSetCache ruleSets, EnforcementSettings enforcement, LimitWindows limitWindows, GroupGuardMetrics metrics,
      Duration violationCountsGrace) {
    this.topics = topics;
    this.ruleValidator = ruleValidator;
    this.blacklistValidator = blacklistValidator;
    this.ruleSets = ruleSets;
    this.enforcement = enforcement;
    this.metrics = metrics;
    this.violationCountsGrace = violationCountsGrace;
    this.limitWindows = limitWindows;
  }

  public Topology build() {
    StreamsBuilder builder = new StreamsBuilder();
    addRuleValidation(builder);
    addBlacklistValidation(builder);
    addInForceStore(builder, topics.rulesInForce(), RULES_IN_FORCE_LOADER, RULES_IN_FORCE_STORE,
        (key, store) -> ruleSets.invalidate(RecordKeys.tenantOf(key)));
    addInForceStore(builder, topics.blacklistInForce(), BLACKLIST_IN_FORCE_LOADER, BLACKLIST_IN_FORCE_STORE, blacklistKeys);
    addInForceStore(builder, topics.tenantSettings(), TENANT_SETTINGS_LOADER, TENANT_SETTINGS_STORE, InForceListener.NONE);
    addInForceStore(builder, topics.memberRestrictions(), MEMBER_RESTRICTIONS_LOADER, MEMBER_RESTRICTIONS_STORE,
        restrictionKeys);
    addModeration(builder);
    return builder.build();
  }

  private void addRuleValidation(StreamsBuilder builder) {
    Topic<String, ModerationRule> rules = topics.rules();
    builder.addStateStore(persistentStore(RULES_VALIDATED_STORE, rules.valueSerde()));
    ProcessorSupplier<String, ModerationRule, String, ConfigOutcome<ModerationRule>> validator =
        () -> new RuleValidationProcessor(ruleValidator, rules.name());
    KStream<String, ConfigOutcome<ModerationRule>> outcomes = builder.stream(rules.name(), rules.consumed(RULES_SOURCE))
        .repartition(Repartitioned.<String, ModerationRule>as(RULES_BY_TENANT)
            .withKeySerde(rules.keySerde()).withValueSerde(rules.valueSerde())
            .withStreamPartitioner(PartitionByTenant.tenant()))
        .process(validator, Named.as(RULE_VALIDATOR), RULES_VALIDATED_STORE);
    routeOutcomes(outcomes, topics.rulesInForce(), RULE_OUTCOMES);
  }

  private void addBlacklistValidation(StreamsBuilder builder) {
    Topic<String, BlacklistEntry> blacklist = topics.blacklist();
    builder.addStateStore(persistentStore(BLACKLIST_VALIDATED_STORE, Serdes.Boolean()));
    builder.addStateStore(persistentStore(BLACKLIST_SCOPE_SIZES_STORE, Serdes.Long()));
    ProcessorSupplier<String, BlacklistEntry, String, ConfigOutcome<BlacklistEntry>> validator =
        () -> new BlacklistValidationProcessor(blacklistValidator, blacklist.name());
    KStream<String, ConfigOutcome<BlacklistEntry>> outcomes =
        builder.stream(blacklist.name(), blacklist.consumed(BLACKLIST_SOURCE))
            .repartition(Repartitioned.<String, BlacklistEntry>as(BLACKLIST_BY_SCOPE)
                .withKeySerde(blacklist.keySerde()).withValueSerde(blacklist.valueSerde())
                .withStreamPartitioner(new PartitionByTenant<>(BlacklistValidationProcessor::scopeOf)))
            .process(validator, Named.as(BLACKLIST_VALIDATOR), BLACKLIST_VALIDATED_STORE, BLACKLIST_SCOPE_SIZES_STORE);
    routeOutcomes(outcomes, topics.blacklistInForce(), BLACKLIST_OUTCOMES);
  }

  /** Accepted values and removals go to the in-force topic; rejections to the rejection topic. */
  private <V> void routeOutcomes(KStream<String, ConfigOutcome<V>> outcomes, Topic<String, V> inForce, String prefix) {
    outcomes.split(Named.as(prefix + "-"))
        .branch((key, outcome) -> outcome.isRejected(), Branched.withConsumer(rejected -> rejected
            .mapValues(ConfigOutcome::rejection, Named.as(prefix + "-rejection"))
            .peek((key, rejection) -> metrics.configRejected(rejection.getSourceTopic()), Named.as(prefix + "-rejection-metered"))
            .to(topics.rejections().name(), topics.rejections().produced(prefix + "-rejections-sink")), "rejected"))
        .defaultBranch(Branched.withConsumer(accepted -> accepted
            .mapValues(ConfigOutcome::inForce, Named.as(prefix + "-in-force"))
            .to(inForce.name(), inForce.produced(prefix + "-in-force-sink")), "accepted"));
  }

  private <V> void addInForceStore(StreamsBuilder builder, Topic<String, V> topic, String loaderName, String storeName,
      InForceListener listener) {
    StoreBuilder<KeyValueStore<String, V>> store = Stores
        .keyValueStoreBuilder(Stores.persistentKeyValueStore(storeName), topic.keySerde(), topic.valueSerde())
        .withLoggingDisabled(); // a global store restores from its own topic
    // The loader name names the global processor; its source becomes "<loader>-source".
    builder.addGlobalStore(store, topic.name(), topic.consumed(loaderName),
        () -> new InForceStoreUpdater<>(storeName, listener));
  }

  private void addModeration(StreamsBuilder builder) {
    Topic<String, ChatMessage> messages = topics.messages();
    builder.addStateStore(limitWindows.eventStore(RATE_LIMIT_STORE));
    builder.addStateStore(limitWindows.eventStore(DUPLICATE_LIMIT_STORE));
    builder.addStateStore(limitWindows.eventStore(FLOOD_LIMIT_STORE));
    Map<String, KStream<String, ModerationResult>> routes = builder
        .stream(messages.name(), messages.consumed(MESSAGES_SOURCE).withTimestampExtractor(new SendTimeExtractor(limitWindows.grace())))
        .process(() -> new MessageModerationProcessor(ruleSets, blacklistKeys, restrictionKeys, limitWindows, metrics),
            Named.as(MESSAGE_MODERATOR),
            RATE_LIMIT_STORE, DUPLICATE_LIMIT_STORE)
        .split(Named.as(MODERATION_ROUTES))
        .branch((key, result) -> result.awaitsFloodCheck(), Branched.as("flood-check"))
        .defaultBranch(Branched.as("decided"));
    KStream<String, MessageVerdict> floodChecked = routes.get(MODERATION_ROUTES + "flood-check")
        .mapValues(ModerationResult::verdict, Named.as(AWAITING_FLOOD_CHECK))
        .repartition(Repartitioned.<String, MessageVerdict>as(VERDICTS_BY_CONTENT)
            .withKeySerde(Serdes.String()).withValueSerde(topics.verdictSerde()))
        .process(() -> new FloodDetectionProcessor(ruleSets), Named.as(FLOOD_DETECTOR), FLOOD_LIMIT_STORE);
    KStream<String, MessageVerdict> decided = routes.get(MODERATION_ROUTES + "decided")
        .mapValues(ModerationResult::verdict, Named.as(DECIDED_VERDICTS));
    // Not cached, like every store here: at each commit Kafka Streams flushes a task's cache and then waits for the
    // producer, task by task, so every task with a cache adds a broker round trip to every commit (measured: commits
    // every 40 ms with these caches left a saturated instance, p99 1.7 s; without them p99 0.24-0.29 s).
    builder.addStateStore(persistentStore(MEMBER_STANDING_STORE, topics.standingSerde()));
    builder.addStateStore(persistentStore(MEMBER_GROUP_RESTRICTION_STORE, topics.memberRestrictions().valueSerde()));
    // The three kinds of verdicts are merged only once each is repartitioned by member. Merging earlier would join
    // their sub-topologies: the flood check would run in the group-partitioned tasks, whose stream time (which judges
    // lateness) would then follow other partitions, and join events would share the message tasks, whose every
    // record would then pay Kafka Streams' check of a mostly empty second input.
    KStream<String, EnforcementOutput> decisions = publish(decided, VERDICT_VIOLATIONS, VIOLATIONS_SINK, VERDICTS_BY_MEMBER)
        .merge(publish(floodChecked, FLOOD_VERDICT_VIOLATIONS, FLOOD_VIOLATIONS_SINK, FLOOD_VERDICTS_BY_MEMBER),
            Named.as(VERDICTS))
        .merge(publish(joinVerdicts(builder), JOIN_VERDICT_VIOLATIONS, JOIN_VIOLATIONS_SINK, JOIN_VERDICTS_BY_MEMBER),
            Named.as(VERDICTS_WITH_JOINS))
        .process(() -> new EnforcementProcessor(enforcement.defaults(), ruleSets), Named.as(ENFORCER), MEMBER_STANDING_STORE,
            MEMBER_GROUP_RESTRICTION_STORE);
    routeEnforcementOutputs(decisions.merge(adminCommandOutcomes(builder), Named.as(ENFORCEMENT_OUTPUTS)));
    // Added after enforcement so that existing sub-topologies (and their task ids) keep their numbers.
    addViolationViews(builder);
  }

  /**
   * Writes (and meters) the violations of {@code verdicts} and returns the verdicts repartitioned by
   * tenant+member, with the partition count every input of the enforcer shares.
   */
  private KStream<String, MessageVerdict> publish(KStream<String, MessageVerdict> verdicts, String violationsName,
      String violationsSinkName, String byMemberName) {
    verdicts
        .flatMap((memberKey, verdict) -> verdict.getViolations().stream().map(GroupGuardTopology::byGroup).toList(),
            Named.as(violationsName))
        .peek((groupKey, violation) -> metrics.violation(violation), Named.as(violationsName + "-metered"))
        .to(topics.violations().name(), topics.violations().produced(violationsSinkName));
    return verdicts.repartition(Repartitioned.<String, MessageVerdict>as(byMemberName)
        .withKeySerde(Serdes.String()).withValueSerde(topics.verdictSerde())
        .withNumberOfPartitions(enforcement.memberPartitions()));
  }

  /** Joins of blacklisted members, as verdicts keyed by tenant+member. */
  private KStream<String, MessageVerdict> joinVerdicts(StreamsBuilder builder) {
    Topic<String, MemberEvent> memberEvents = topics.memberEvents();
    return builder.stream(memberEvents.name(), memberEvents.consumed(MEMBER_EVENTS_SOURCE))
        .process(() -> new MemberEventProcessor(blacklistKeys), Named.as(MEMBER_EVENT_MODERATOR));
  }

  /**
   * Admin commands, re-keyed from their content and repartitioned by tenant+member with the
   * same partition count as verdicts, so they reach the task holding the member's strikes.
   */
  private KStream<String, EnforcementOutput> adminCommandOutcomes(StreamsBuilder builder) {
    Topic<String, AdminCommand> commands = topics.adminCommands();
    return builder.stream(commands.name(), commands.consumed(ADMIN_COMMANDS_SOURCE))
        .selectKey((key, command) -> memberKeyOf(key, command), Named.as(ADMIN_COMMANDS_MEMBER_KEY))
        .repartition(Repartitioned.<String, AdminCommand>as(ADMIN_COMMANDS_BY_MEMBER)
            .withKeySerde(commands.keySerde()).withValueSerde(commands.valueSerde())
            .withNumberOfPartitions(enforcement.memberPartitions()))
        .process(() -> new AdminCommandProcessor(enforcement.defaults()), Named.as(ADMIN_COMMAND_HANDLER),
            MEMBER_STANDING_STORE, MEMBER_GROUP_RESTRICTION_STORE);
  }

  private static String memberKeyOf(String key, AdminCommand command) {
    if (command == null) {
      throw new InvalidInputException("admin command record has no value (key " + key + ")");
    }
    return RecordKeys.member(command.getTenantId(), command.getMemberId());
  }

  /** Actions to the actions topic, restrictions to the restrictions topic (null = lifted), answers to admin results. */
  private void routeEnforcementOutputs(KStream<String, EnforcementOutput> outputs) {
    outputs.split(Named.as(ENFORCEMENT_OUTPUTS + "-"))
        .branch((key, output) -> output instanceof EnforcementOutput.Action, Branched.withConsumer(actions -> actions
            .mapValues(output -> ((EnforcementOutput.Action) output).action(), Named.as(ENFORCEMENT_OUTPUTS + "-action"))
            .peek((memberKey, action) -> metrics.action(action.getType()), Named.as(ACTIONS_METERED))
            .to(topics.actions().name(), topics.actions().produced(ACTIONS_SINK)), "actions"))
        .branch((key, output) -> output instanceof EnforcementOutput.RestrictionChange, Branched.withConsumer(changes -> changes
            .mapValues(output -> ((EnforcementOutput.RestrictionChange) output).restriction(),
                Named.as(ENFORCEMENT_OUTPUTS + "-restriction"))
            .to(topics.memberRestrictions().name(), topics.memberRestrictions().produced(MEMBER_RESTRICTIONS_SINK)),
            "restrictions"))
        .defaultBranch(Branched.withConsumer(answers -> answers
            .mapValues(output -> ((EnforcementOutput.CommandAnswer) output).result(),
                Named.as(ENFORCEMENT_OUTPUTS + "-answer"))
            .to(topics.adminResults().name(), topics.adminResults().produced(ADMIN_RESULTS_SINK)), "answers"));
  }

  /**
   * Views for operators and analysts, read back from the (committed) violations topic so that both
   * verdict paths feed them without joining their sub-topologies.
   */
  private void addViolationViews(StreamsBuilder builder) {
    Topic<String, Violation> violations = topics.violations();
    KStream<String, Violation> violationsByGroup = builder.stream(violations.name(), violations.consumed(VIOLATIONS_SOURCE));
    addRecentViolations(builder, violationsByGroup);
    addViolationCounts(builder, violationsByGroup);
  }

  /** Violations keyed by group, on the group's partition of the violations topic: no repartition needed. */
  private void addRecentViolations(StreamsBuilder builder, KStream<String, Violation> violationsByGroup) {
    builder.addStateStore(persistentStore(RECENT_VIOLATIONS_STORE, topics.violations().valueSerde()));
    violationsByGroup.process(RecentViolationsRecorder::new, Named.as(RECENT_VIOLATIONS_RECORDER), RECENT_VIOLATIONS_STORE);
  }

  /**
   * Hourly counts per tenant, group, kind and rule, by message timestamp, counted on the group's
   * partition ({@link ViolationCounter}). Each window's counts are emitted once, when stream time
   * passes its end plus the grace, so analysts never see partial or corrected counts.
   */
  private void addViolationCounts(StreamsBuilder builder, KStream<String, Violation> violationsByGroup) {
    Topic<String, ViolationCount> counts = topics.violationCounts();
    builder.addStateStore(Stores.timestampedKeyValueStoreBuilder(
        Stores.persistentTimestampedKeyValueStore(VIOLATION_COUNTS_STORE), Serdes.String(), Serdes.Long()));
    violationsByGroup
        .process(() -> new ViolationCounter(VIOLATION_COUNT_WINDOW, violationCountsGrace), Named.as(VIOLATION_COUNTER),
            VIOLATION_COUNTS_STORE)
        .to(counts.name(), counts.produced(VIOLATION_COUNTS_SINK));
  }

  private static <V> StoreBuilder<KeyValueStore<String, V>> persistentStore(String name, Serde<V> valueSerde) {
    return Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(name), Serdes.String(), valueSerde);
  }

  /** Violations of a verdict keyed by group, as analysts read them. */
  private static KeyValue<String, Violation> byGroup(Violation violation) {
    return KeyValue.pair(RecordKeys.group(violation.getTenantId(), violation.getGroupId()), violation);
  }
}
