package io.groupguard.cli;

import io.groupguard.avro.ConfigRejection;
import io.groupguard.avro.ModerationRule;
import io.groupguard.rules.ConfigProblem;
import io.groupguard.rules.RuleLimits;
import io.groupguard.rules.RuleValidator;
import io.groupguard.topology.RecordKeys;
import io.groupguard.topology.Topics;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code groupguard rules apply}: makes the rules in force match a reviewed file. */
@Command(name = "apply", mixinStandardHelpOptions = true,
    description = {"Validate the rules of a YAML file locally, show how they differ from the rules in force "
        + "(added, changed field by field, removed with --prune), publish the new versions and wait until "
        + "GroupGuard has put each in force or rejected it.",
        "A changed rule needs a greater version. Exit code 0 when everything is in force; 1 when GroupGuard "
            + "rejected something or did not answer in time; 2 when the file is invalid (nothing is published)."})
final class RulesApplyCommand implements Callable<Integer> {

  @Parameters(paramLabel = "FILE.yaml", description = "Rules: a list under 'rules:' with ModerationRule field names.")
  Path rulesFile;

  @Option(names = "--dry-run", description = "Show the difference only; publish nothing.")
  boolean dryRun;

  @Option(names = "--prune", description = "Also delete rules in force of the file's tenants that the file does not hold.")
  boolean prune;

  @Option(names = "--timeout", defaultValue = "PT60S",
      description = "Longest wait for GroupGuard's answer, ISO-8601 duration (default ${DEFAULT-VALUE}).")
  Duration timeout;

  @Mixin
  ConnectionOptions connectionOptions;

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    Map<String, ModerationRule> fileRules = byKey(RecordFiles.readYamlList(rulesFile, "rules", ModerationRule.class));
    CliLogging.quietKafka();
    try (ClusterConnection connection = connectionOptions.connect()) {
      Topics topics = connection.topics();
      Map<String, ModerationRule> live = TopicReader.snapshot(connection.consumerSettings(), topics.rulesInForce(), timeout);
      RulePlan plan = RulePlan.of(fileRules, live, prune);
      List<String> problems = validate(plan, live);
      plan.print(out);
      if (!problems.isEmpty()) {
        PrintWriter err = spec.commandLine().getErr();
        err.println(rulesFile + ": invalid rules, nothing published:");
        problems.forEach(problem -> err.println("  " + problem));
        err.flush();
        return 2;
      }
      if (dryRun || plan.isEmpty()) {
        out.println(dryRun ? "dry run: nothing published" : "nothing to publish");
        out.flush();
        return 0;
      }
      return publishAndAwait(connection, plan, out);
    }
  }

  private Map<String, ModerationRule> byKey(List<ModerationRule> rules) {
    Map<String, ModerationRule> byKey = new LinkedHashMap<>();
    for (int i = 0; i < rules.size(); i++) {
      ModerationRule rule = rules.get(i);
      if (byKey.put(RecordKeys.rule(rule.getTenantId(), rule.getRuleId()), rule) != null) {
        throw new InputFileException(rulesFile + ": rules[" + i + "].ruleId: '" + rule.getRuleId()
            + "' appears twice in tenant '" + rule.getTenantId() + "'");
      }
    }
    return byKey;
  }

  /** The same checks GroupGuard makes, against the same rules in force, so a bad file never reaches the topic. */
  private static List<String> validate(RulePlan plan, Map<String, ModerationRule> live) {
    RuleValidator validator = new RuleValidator(RuleLimits.defaults());
    List<String> problems = new ArrayList<>();
    for (ModerationRule rule : plan.toPublish()) {
      String key = RecordKeys.rule(rule.getTenantId(), rule.getRuleId());
      for (ConfigProblem problem : validator.validate(key, rule, live.get(key), otherRulesOfCreator(live, key, rule))) {
        problems.add(key + " v" + rule.getVersion() + ": " + problem.field() + ": " + problem.reason());
      }
    }
    return problems;
  }

  private static int otherRulesOfCreator(Map<String, ModerationRule> live, String key, ModerationRule rule) {
    return (int) live.entrySet().stream()
        .filter(e -> !e.getKey().equals(key) && e.getValue().getTenantId().equals(rule.getTenantId())
            && e.getValue().getCreatorId().equals(rule.getCreatorId()))
        .count();
  }

  private int publishAndAwait(ClusterConnection connection, RulePlan plan, PrintWriter out) {
    Topics topics = connection.topics();
    // Expected outcome per key: the version to see in force, or null for a removal.
    Map<String, Long> pending = new HashMap<>();
    try (TopicReader<ModerationRule> inForce = new TopicReader<>(connection.consumerSettings(), topics.rulesInForce(), false);
        TopicReader<ConfigRejection> rejections =
            new TopicReader<>(connection.consumerSettings(), topics.rejections(), false);
        RecordPublisher publisher = new RecordPublisher(connection.producerSettings(Map.of()))) {
      Instant now = Instant.now();
      for (ModerationRule rule : plan.toPublish()) {
        String key = RecordKeys.rule(rule.getTenantId(), rule.getRuleId());
        publisher.send(topics.rules(), key, ModerationRule.newBuilder(rule).setUpdatedAt(now).build(), now.toEpochMilli());
        pending.put(key, rule.getVersion());
      }
      for (String key : plan.removed.keySet()) {
        publisher.send(topics.rules(), key, null, now.toEpochMilli());
        pending.put(key, null);
      }
      publisher.flush();
      out.printf("published %d; waiting for GroupGuard ...%n", pending.size());
      out.flush();
      return await(pending, inForce, rejections, out);
    }
  }

  private int await(Map<String, Long> pending, TopicReader<ModerationRule> inForce,
      TopicReader<ConfigRejection> rejections, PrintWriter out) {
    int rejected = 0;
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!pending.isEmpty() && System.nanoTime() < deadline) {
      for (ConsumerRecord<String, ModerationRule> record : inForce.poll()) {
        if (pending.containsKey(record.key()) && matches(pending.get(record.key()), record.value())) {
          pending.remove(record.key());
          out.println(record.value() == null ? "removed:   " + record.key()
              : "in force:  " + record.key() + " v" + record.value().getVersion());
        }
      }
      for (ConsumerRecord<String, ConfigRejection> record : rejections.poll()) {
        ConfigRejection rejection = record.value();
        Long version = pending.get(rejection.getRecordKey());
        if (pending.containsKey(rejection.getRecordKey())
            && (rejection.getVersion() == null || rejection.getVersion().equals(version))) {
          pending.remove(rejection.getRecordKey());
          rejected++;
          out.println("rejected:  " + rejection.getRecordKey() + (version == null ? "" : " v" + version) + ": "
              + (rejection.getField() == null ? "" : rejection.getField() + ": ") + rejection.getReason());
        }
      }
      out.flush();
    }
    pending.keySet().forEach(key -> out.println("no answer: " + key + " within " + timeout));
    out.flush();
    return rejected == 0 && pending.isEmpty() ? 0 : 1;
  }

  private static boolean matches(Long expectedVersion, ModerationRule inForce) {
    return expectedVersion == null ? inForce == null : inForce != null && inForce.getVersion() == expectedVersion;
  }
}
