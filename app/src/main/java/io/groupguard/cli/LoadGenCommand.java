package io.groupguard.cli;

import io.groupguard.avro.ChatMessage;
import io.groupguard.config.GroupGuardConfig;
import io.groupguard.loadgen.BlacklistGenerator;
import io.groupguard.loadgen.ChatTraffic;
import io.groupguard.loadgen.LoadProfile;
import io.groupguard.loadgen.RatePacer;
import io.groupguard.loadgen.RuleGenerator;
import io.groupguard.rules.BlacklistKey;
import io.groupguard.serde.RestSchemaRegistryClient;
import io.groupguard.topology.RecordKeys;
import io.groupguard.topology.Topics;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * Publishes synthetic but realistic load to GroupGuard's input topics, in the Confluent wire
 * format through the Schema Registry: generated rules, blacklist entries and chat traffic.
 */
@Command(name = "loadgen", mixinStandardHelpOptions = true,
    description = "Publish seeded synthetic rules, blacklist entries and chat traffic (zh/en, spam in disguise, "
        + "links, duplicates, floods) to GroupGuard's topics, at a target rate or as fast as possible.")
final class LoadGenCommand implements Callable<Integer> {

  @Spec
  CommandSpec spec;

  @Option(names = "--config", description = "Properties file naming the cluster, registry and topics (as for 'run').")
  Path configFile;

  @Option(names = "--bootstrap-servers", description = "Overrides bootstrap.servers.")
  String bootstrapServers;

  @Option(names = "--schema-registry-url", description = "Overrides schema.registry.url.")
  String schemaRegistryUrl;

  @Option(names = "--seed", defaultValue = "42", description = "Seed of all generated data (default ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--tenants", defaultValue = "2", description = "Tenants (default ${DEFAULT-VALUE}).")
  int tenants;

  @Option(names = "--groups", defaultValue = "1000", description = "Groups per tenant (default ${DEFAULT-VALUE}).")
  int groups;

  @Option(names = "--members", defaultValue = "10000", description = "Members per tenant (default ${DEFAULT-VALUE}).")
  int members;

  @Option(names = "--spam-share", defaultValue = "0.2", description = "Share of spam messages (default ${DEFAULT-VALUE}).")
  double spamShare;

  @Option(names = "--duplicate-share", defaultValue = "0.05", description = "Share of repeated messages (default ${DEFAULT-VALUE}).")
  double duplicateShare;

  @Option(names = "--chinese-share", defaultValue = "0.5", description = "Share of Chinese messages (default ${DEFAULT-VALUE}).")
  double chineseShare;

  @Option(names = "--rules", defaultValue = "0", description = "Rules to publish, spread over the tenants (default ${DEFAULT-VALUE}).")
  int rules;

  @Option(names = "--keywords-per-rule", defaultValue = "100", description = "Keywords per rule (default ${DEFAULT-VALUE}).")
  int keywordsPerRule;

  @Option(names = "--groups-per-rule", defaultValue = "200", description = "Groups each rule applies to (default ${DEFAULT-VALUE}).")
  int groupsPerRule;

  @Option(names = "--blacklist", defaultValue = "0", description = "Enterprise blacklist entries to publish (default ${DEFAULT-VALUE}).")
  long blacklist;

  @Option(names = "--count", description = "Chat messages to publish.")
  Long count;

  @Option(names = "--duration", description = "Publish chat messages for this long, ISO-8601 (e.g. PT60S).")
  Duration duration;

  @Option(names = "--rate", defaultValue = "0", description = "Chat messages per second; 0 = as fast as possible (default ${DEFAULT-VALUE}).")
  double rate;

  private final PrintStream out = System.out;

  @Override
  public Integer call() {
    boolean sendsMessages = count != null || duration != null;
    if (!sendsMessages && rules == 0 && blacklist == 0) {
      throw new ParameterException(spec.commandLine(), "nothing to publish: give --count or --duration, --rules or --blacklist");
    }
    LoadProfile profile = new LoadProfile(seed, tenants, groups, members, rules, keywordsPerRule, groupsPerRule, blacklist,
        spamShare, duplicateShare, chineseShare);
    GroupGuardConfig config = GroupGuardConfig.load(configFile, System.getenv(), overrides());
    try (RestSchemaRegistryClient registry = new RestSchemaRegistryClient(config.schemaRegistryUrl(),
            config.schemaRegistryBasicAuth(), Duration.ofMillis(config.getInt(GroupGuardConfig.SCHEMA_REGISTRY_TIMEOUT_MS)));
        RecordPublisher publisher = new RecordPublisher(config.bootstrapServers(), config.kafkaClientOverrides())) {
      Topics topics = Topics.from(config, registry);
      if (rules > 0) {
        long start = System.nanoTime();
        long now = System.currentTimeMillis();
        long published = publisher.publish(topics.rules(), new RuleGenerator(profile).rules(),
            rule -> RecordKeys.rule(rule.getTenantId(), rule.getRuleId()), rule -> now);
        report("rules", published, start);
      }
      if (blacklist > 0) {
        long start = System.nanoTime();
        long now = System.currentTimeMillis();
        long published = publisher.publish(topics.blacklist(), new BlacklistGenerator(profile).entries(),
            entry -> BlacklistKey.of(entry).format(), entry -> now);
        report("blacklist entries", published, start);
      }
      if (sendsMessages) {
        long start = System.nanoTime();
        report("chat messages", publishMessages(profile, topics, publisher), start);
      }
    }
    return 0;
  }

  private long publishMessages(LoadProfile profile, Topics topics, RecordPublisher publisher) {
    ChatTraffic traffic = new ChatTraffic(profile);
    RatePacer pacer = new RatePacer(rate);
    long limit = count == null ? Long.MAX_VALUE : count;
    long deadline = duration == null ? Long.MAX_VALUE : System.nanoTime() + duration.toNanos();
    long sent = 0;
    while (sent < limit && System.nanoTime() - deadline < 0) {
      pacer.awaitNext();
      long now = System.currentTimeMillis();
      ChatMessage message = traffic.next(Instant.ofEpochMilli(now)).message();
      publisher.send(topics.messages(), RecordKeys.group(message.getTenantId(), message.getGroupId()), message, now);
      sent++;
    }
    publisher.flush();
    return sent;
  }

  private Map<String, Object> overrides() {
    Map<String, Object> overrides = new HashMap<>();
    if (bootstrapServers != null) {
      overrides.put(GroupGuardConfig.BOOTSTRAP_SERVERS, bootstrapServers);
    }
    if (schemaRegistryUrl != null) {
      overrides.put(GroupGuardConfig.SCHEMA_REGISTRY_URL, schemaRegistryUrl);
    }
    return overrides;
  }

  private void report(String what, long published, long startNanos) {
    double seconds = Math.max(1, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos)) / 1000.0;
    out.printf("published %,d %s in %.1f s (%,.0f/s)%n", published, what, seconds, published / seconds);
  }
}
