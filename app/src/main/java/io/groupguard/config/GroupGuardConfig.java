package io.groupguard.config;

import io.groupguard.enforcement.Ladder;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Range;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.ValidString;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.types.Password;
import org.apache.kafka.streams.StreamsConfig;

/**
 * GroupGuard's validated configuration. Values come from a properties file, then from
 * environment variables ({@code GROUPGUARD_TOPIC_MESSAGES} overrides {@code topic.messages}),
 * then from explicit overrides. Keys prefixed {@code kafka.} are passed to every Kafka
 * client unchanged (minus the prefix), e.g. {@code kafka.security.protocol=SASL_SSL}.
 */
public final class GroupGuardConfig extends AbstractConfig {

  public static final String ENV_PREFIX = "GROUPGUARD_";
  public static final String KAFKA_PREFIX = "kafka.";

  public static final String BOOTSTRAP_SERVERS = "bootstrap.servers";
  public static final String APPLICATION_ID = "application.id";
  public static final String SCHEMA_REGISTRY_URL = "schema.registry.url";
  public static final String SCHEMA_REGISTRY_BASIC_AUTH = "schema.registry.basic.auth.user.info";
  public static final String SCHEMA_REGISTRY_TIMEOUT_MS = "schema.registry.timeout.ms";
  public static final String MESSAGES_FORMAT = "messages.format";
  public static final String STATE_DIR = "state.dir";
  public static final String NUM_STREAM_THREADS = "num.stream.threads";
  public static final String PROCESSING_GUARANTEE = "processing.guarantee";
  public static final String COMMIT_INTERVAL_MS = "commit.interval.ms";
  public static final String TOPICS_CREATE = "topics.create";
  public static final String TOPICS_PARTITIONS = "topics.partitions";
  public static final String TOPICS_REPLICATION_FACTOR = "topics.replication.factor";
  public static final String LIMITS_GRACE_MS = "limits.grace.ms";
  public static final String SHUTDOWN_TIMEOUT_MS = "shutdown.timeout.ms";

  public static final String TOPIC_MESSAGES = "topic.messages";
  public static final String TOPIC_MEMBER_EVENTS = "topic.member.events";
  public static final String TOPIC_RULES = "topic.rules";
  public static final String TOPIC_BLACKLIST = "topic.blacklist";
  public static final String TOPIC_RULES_IN_FORCE = "topic.rules.in.force";
  public static final String TOPIC_BLACKLIST_IN_FORCE = "topic.blacklist.in.force";
  public static final String TOPIC_VIOLATIONS = "topic.violations";
  public static final String TOPIC_ACTIONS = "topic.actions";
  public static final String TOPIC_REJECTIONS = "topic.rejections";
  public static final String TOPIC_DEAD_LETTERS = "topic.dead.letters";
  public static final String TOPIC_TENANT_SETTINGS = "topic.tenant.settings";
  public static final String TOPIC_MEMBER_RESTRICTIONS = "topic.member.restrictions";
  public static final String TOPIC_ADMIN_COMMANDS = "topic.admin.commands";
  public static final String TOPIC_ADMIN_RESULTS = "topic.admin.results";

  public static final String ENFORCEMENT_LADDER = "enforcement.ladder";
  public static final String ENFORCEMENT_STRIKE_DECAY_MS = "enforcement.strike.decay.ms";
  public static final String ENFORCEMENT_APPEALABLE_STRIKES = "enforcement.appealable.strikes";
  public static final String ENFORCEMENT_LANGUAGE = "enforcement.language";
  public static final String ENFORCEMENT_PARTITIONS = "enforcement.partitions";
  public static final String TOPIC_VIOLATION_COUNTS = "topic.violation.counts";

  public static final String VIOLATION_COUNTS_GRACE_MS = "violation.counts.grace.ms";
  public static final String HTTP_ENABLED = "http.enabled";
  public static final String HTTP_HOST = "http.host";
  public static final String HTTP_PORT = "http.port";
  public static final String HTTP_ADVERTISED_HOST = "http.advertised.host";
  public static final String ROCKSDB_TOTAL_MEMORY_BYTES = "rocksdb.total.memory.bytes";
  public static final String ROCKSDB_WRITE_BUFFER_RATIO = "rocksdb.write.buffer.ratio";

  public static final String FORMAT_AVRO = "avro";
  public static final String FORMAT_JSON = "json";

  public static final ConfigDef DEFINITION = new ConfigDef()
      .define(BOOTSTRAP_SERVERS, Type.STRING, "localhost:9092", Importance.HIGH,
          "Kafka bootstrap servers, host:port[,host:port...].")
      .define(APPLICATION_ID, Type.STRING, "groupguard", new ConfigDef.NonEmptyString(), Importance.HIGH,
          "Kafka Streams application id: consumer group, prefix of internal topics and of the state directory. "
              + "Every instance of one deployment uses the same id.")
      .define(SCHEMA_REGISTRY_URL, Type.STRING, "http://localhost:8081", Importance.HIGH,
          "Confluent-compatible Schema Registry base URL(s), comma-separated; tried in order.")
      .define(SCHEMA_REGISTRY_BASIC_AUTH, Type.PASSWORD, null, Importance.MEDIUM,
          "Basic-auth credentials for the Schema Registry as user:password; never logged.")
      .define(SCHEMA_REGISTRY_TIMEOUT_MS, Type.INT, 10_000, Range.atLeast(100), Importance.LOW,
          "Timeout of one Schema Registry request, milliseconds.")
      .define(MESSAGES_FORMAT, Type.STRING, FORMAT_AVRO, ValidString.in(FORMAT_AVRO, FORMAT_JSON), Importance.MEDIUM,
          "Encoding of chat messages and member events: 'avro' (Confluent wire format) or 'json' "
              + "(UTF-8 JSON with the Avro field names, for producers without a registry).")
      .define(STATE_DIR, Type.STRING, "/tmp/groupguard-state", Importance.HIGH,
          "Directory of the RocksDB state stores; put it on a persistent volume.")
      .define(NUM_STREAM_THREADS, Type.INT, 1, Range.atLeast(1), Importance.MEDIUM,
          "Stream threads per instance; one per core is a good start.")
      .define(PROCESSING_GUARANTEE, Type.STRING, StreamsConfig.EXACTLY_ONCE_V2,
          ValidString.in(StreamsConfig.EXACTLY_ONCE_V2, StreamsConfig.AT_LEAST_ONCE), Importance.MEDIUM,
          "exactly_once_v2 (default: every input yields its decisions exactly once inside Kafka) or at_least_once.")
      .define(COMMIT_INTERVAL_MS, Type.LONG, 40L, Range.atLeast(1), Importance.LOW,
          "How often progress is committed, milliseconds. Under exactly-once a decision becomes visible when its "
              + "transaction commits, so this bounds the decision latency; each commit is a transaction per stream thread.")
      .define(TOPICS_CREATE, Type.BOOLEAN, true, Importance.MEDIUM,
          "Create missing GroupGuard topics at start (compacted where the topic is a table).")
      .define(TOPICS_PARTITIONS, Type.INT, 6, Range.atLeast(1), Importance.MEDIUM,
          "Partitions of topics GroupGuard creates. Each partition of an input makes a task, and under exactly-once "
              + "every commit of a stream thread writes to all partitions its tasks produce to: more partitions than "
              + "the stream threads of all instances will need cost CPU and latency.")
      .define(TOPICS_REPLICATION_FACTOR, Type.SHORT, (short) 3, Range.atLeast(1), Importance.MEDIUM,
          "Replication factor of topics GroupGuard creates.")
      .define(LIMITS_GRACE_MS, Type.LONG, 300_000L, Range.between(0L, 86_400_000L), Importance.LOW,
          "How late (by sendTime, behind the latest sendTime seen) a message may arrive and still count toward "
              + "rate, duplicate and flood limits, milliseconds; later ones get the other checks only. Limit "
              + "state is kept for the longest rule window (7 days) plus this grace.")
      .define(SHUTDOWN_TIMEOUT_MS, Type.LONG, 8_000L, Range.between(1_000L, 300_000L), Importance.LOW,
          "How long a stop (SIGTERM) waits for Kafka Streams to commit and close, milliseconds; the process exits "
              + "after it even if the brokers are gone (what was not committed is processed again after the "
              + "restart). Keep the pod's terminationGracePeriodSeconds above it.")
      .define(TOPIC_MESSAGES, Type.STRING, "chat.messages", Importance.HIGH,
          "Input: chat messages, keyed '<tenantId>/<groupId>'.")
      .define(TOPIC_MEMBER_EVENTS, Type.STRING, "chat.member-events", Importance.MEDIUM,
          "Input: member joins and leaves, keyed '<tenantId>/<groupId>'.")
      .define(TOPIC_RULES, Type.STRING, "groupguard.rules", Importance.HIGH,
          "Input, compacted: moderation rules as written by operators, keyed '<tenantId>/<ruleId>'.")
      .define(TOPIC_BLACKLIST, Type.STRING, "groupguard.blacklist", Importance.HIGH,
          "Input, compacted: blacklist entries, keyed '<tenantId>/E/<memberId>' or '<tenantId>/P/<ownerId>/<memberId>'.")
      .define(TOPIC_RULES_IN_FORCE, Type.STRING, "groupguard.rules-in-force", Importance.LOW,
          "Owned, compacted: the last valid version of every rule; feeds the rule store of every instance.")
      .define(TOPIC_BLACKLIST_IN_FORCE, Type.STRING, "groupguard.blacklist-in-force", Importance.LOW,
          "Owned, compacted: every valid blacklist entry; feeds the blacklist store of every instance.")
      .define(TOPIC_VIOLATIONS, Type.STRING, "groupguard.violations", Importance.HIGH,
          "Output: one Violation per rule or check a message broke.")
      .define(TOPIC_ACTIONS, Type.STRING, "groupguard.actions", Importance.HIGH,
          "Output: moderation actions (warn, mute, kick, delete message) for executors.")
      .define(TOPIC_REJECTIONS, Type.STRING, "groupguard.config-rejections", Importance.MEDIUM,
          "Output: rules and blacklist entries that were rejected, with the reason.")
      .define(TOPIC_DEAD_LETTERS, Type.STRING, "groupguard.dead-letters", Importance.MEDIUM,
          "Output: input records that could not be read or processed, unchanged, with the reason in "
              + "the __streams.errors.* headers.")
      .define(TOPIC_TENANT_SETTINGS, Type.STRING, "groupguard.tenant-settings", Importance.MEDIUM,
          "Input, compacted: per-tenant enforcement settings (ladder, strike decay, appeal policy, language, "
              + "reason templates), keyed '<tenantId>'; tenants without settings use the enforcement.* defaults.")
      .define(TOPIC_MEMBER_RESTRICTIONS, Type.STRING, "groupguard.member-restrictions", Importance.LOW,
          "Owned, compacted: mutes and kicks in force, keyed '<tenantId>/<groupId>/<memberId>'; feeds the "
              + "restriction store that message evaluation consults.")
      .define(TOPIC_ADMIN_COMMANDS, Type.STRING, "groupguard.admin-commands", Importance.MEDIUM,
          "Input: operators' PARDON, RESET_STRIKES and UNMUTE commands, keyed '<tenantId>/<memberId>'.")
      .define(TOPIC_ADMIN_RESULTS, Type.STRING, "groupguard.admin-results", Importance.MEDIUM,
          "Output: one AdminCommandResult (APPLIED or REFUSED, with the reason) per admin command.")
      .define(ENFORCEMENT_LADDER, Type.LIST, String.join(",", Ladder.DEFAULT_STEPS),
          new LadderValidator(), Importance.MEDIUM,
          "Default escalation ladder, one step per strike: warn, mute (permanent), mute:<n>d|h|m, kick "
              + "(kick and bar from speaking until pardoned). Strikes beyond the last step repeat it.")
      .define(ENFORCEMENT_STRIKE_DECAY_MS, Type.LONG, 30L * 24 * 60 * 60 * 1000, Range.atLeast(1), Importance.MEDIUM,
          "Default time after which a strike stops counting, milliseconds of event time (30 days).")
      .define(ENFORCEMENT_APPEALABLE_STRIKES, Type.INT, 1, Range.atLeast(0), Importance.MEDIUM,
          "Default appeal policy: a PARDON is accepted while the member has at most this many strikes "
              + "(1 = first offence only, 0 = never).")
      .define(ENFORCEMENT_LANGUAGE, Type.STRING, "en", ValidString.in("en", "zh"), Importance.MEDIUM,
          "Default language of member-facing reasons.")
      .define(ENFORCEMENT_PARTITIONS, Type.INT, 6, Range.atLeast(1), Importance.MEDIUM,
          "Partitions of the two member-partitioned repartition topics (verdicts-by-member, admin-commands-by-member); "
              + "both get this count so that a member's verdicts and commands meet in one task. Fixed after the first start. "
              + "As for topics.partitions, more than the stream threads of all instances will need cost CPU and latency.")
      .define(TOPIC_VIOLATION_COUNTS, Type.STRING, "groupguard.violation-counts", Importance.MEDIUM,
          "Output: hourly ViolationCount per tenant, group, violation kind and rule, emitted once when the "
              + "window closes; keyed '<tenantId>/<groupId>'.")
      .define(VIOLATION_COUNTS_GRACE_MS, Type.LONG, 300_000L, Range.atLeast(0), Importance.LOW,
          "How long after an hourly window ends violations of that hour (by message timestamp) are still "
              + "counted, milliseconds; the window's count is emitted once this grace has passed in stream time.")
      .define(HTTP_ENABLED, Type.BOOLEAN, true, Importance.MEDIUM,
          "Serve /health, /ready, /metrics and the interactive queries over HTTP.")
      .define(HTTP_HOST, Type.STRING, "0.0.0.0", Importance.MEDIUM,
          "Address the HTTP server binds to.")
      .define(HTTP_PORT, Type.INT, 8080, Range.between(0, 65535), Importance.MEDIUM,
          "Port of the HTTP server; 0 picks a free port (tests, several instances on one machine).")
      .define(HTTP_ADVERTISED_HOST, Type.STRING, "", Importance.MEDIUM,
          "Host name or address other instances use to reach this one's HTTP server; with the bound port it "
              + "becomes Kafka Streams' application.server, which routes interactive queries. Empty: http.host, "
              + "or this machine's host name when http.host is a wildcard address. In Kubernetes, the pod IP.")
      .define(ROCKSDB_TOTAL_MEMORY_BYTES, Type.LONG, 256L * 1024 * 1024, Range.atLeast(1024 * 1024), Importance.MEDIUM,
          "Off-heap memory shared by all RocksDB state stores of the process (block cache, index and filter "
              + "blocks, memtables), bytes. Size the container for JVM heap + this + some headroom.")
      .define(ROCKSDB_WRITE_BUFFER_RATIO, Type.DOUBLE, 0.25, Range.between(0.05, 0.9), Importance.LOW,
          "Share of rocksdb.total.memory.bytes that memtables (write buffers) may take before they are flushed.");

  /** Fails the start on a ladder that does not parse, naming the step. */
  private static final class LadderValidator implements ConfigDef.Validator {
    @Override
    public void ensureValid(String name, Object value) {
      try {
        Ladder.parse(((List<?>) value).stream().map(String::valueOf).toList());
      } catch (IllegalArgumentException e) {
        throw new ConfigException(name, value, e.getMessage());
      }
    }

    @Override
    public String toString() {
      return "list of 1 to " + Ladder.MAX_STEPS + " of warn, mute, mute:<n>d|h|m, kick";
    }
  }

  public GroupGuardConfig(Map<?, ?> values) {
    super(DEFINITION, values, false);
  }

  /** File, then environment, then overrides; later sources win. */
  public static GroupGuardConfig load(Path propertiesFile, Map<String, String> environment, Map<String, ?> overrides) {
    Map<String, Object> values = new HashMap<>();
    if (propertiesFile != null) {
      values.putAll(readProperties(propertiesFile));
    }
    values.putAll(fromEnvironment(environment));
    values.putAll(overrides);
    return new GroupGuardConfig(values);
  }

  /** {@code GROUPGUARD_TOPIC_MESSAGES=x} becomes {@code topic.messages=x}; {@code GROUPGUARD_KAFKA_SASL_MECHANISM} becomes {@code kafka.sasl.mechanism}. */
  static Map<String, String> fromEnvironment(Map<String, String> environment) {
    Map<String, String> values = new HashMap<>();
    environment.forEach((name, value) -> {
      if (name.startsWith(ENV_PREFIX)) {
        values.put(name.substring(ENV_PREFIX.length()).toLowerCase(Locale.ROOT).replace('_', '.'), value);
      }
    });
    return values;
  }

  private static Map<String, String> readProperties(Path file) {
    Properties properties = new Properties();
    try (InputStream in = Files.newInputStream(file)) {
      properties.load(in);
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot read configuration file " + file + ": " + e.getMessage(), e);
    }
    Map<String, String> values = new HashMap<>();
    properties.stringPropertyNames().forEach(name -> values.put(name, properties.getProperty(name)));
    return values;
  }

  /** Client settings given with the {@code kafka.} prefix (security, SASL, TLS, tuning). */
  public Map<String, Object> kafkaClientOverrides() {
    return originalsWithPrefix(KAFKA_PREFIX);
  }

  public String bootstrapServers() {
    return getString(BOOTSTRAP_SERVERS);
  }

  public String applicationId() {
    return getString(APPLICATION_ID);
  }

  public String schemaRegistryUrl() {
    return getString(SCHEMA_REGISTRY_URL);
  }

  /** user:password, or null. */
  public String schemaRegistryBasicAuth() {
    Password password = getPassword(SCHEMA_REGISTRY_BASIC_AUTH);
    return password == null ? null : password.value();
  }

  public Duration limitsGrace() {
    return Duration.ofMillis(getLong(LIMITS_GRACE_MS));
  }

  public boolean messagesAsJson() {
    return FORMAT_JSON.equals(getString(MESSAGES_FORMAT));
  }
}
