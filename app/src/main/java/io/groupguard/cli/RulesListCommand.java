package io.groupguard.cli;

import io.groupguard.avro.ModerationRule;
import io.groupguard.topology.RecordKeys;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code groupguard rules list}: the rules in force, as GroupGuard's instances hold them. */
@Command(name = "list", mixinStandardHelpOptions = true,
    description = "List the rules in force (read from the rules-in-force topic): id, version, name, groups, "
        + "keywords, mode.")
final class RulesListCommand implements Callable<Integer> {

  private static final String ROW = "%-40s  %7s  %-32s  %7s  %8s  %s%n";

  @Option(names = "--tenant", paramLabel = "T", description = "Only this tenant's rules.")
  String tenant;

  @Option(names = "--timeout", defaultValue = "PT60S",
      description = "Longest wait for reading the topic, ISO-8601 duration (default ${DEFAULT-VALUE}).")
  Duration timeout;

  @Mixin
  ConnectionOptions connectionOptions;

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    CliLogging.quietKafka();
    try (ClusterConnection connection = connectionOptions.connect()) {
      Map<String, ModerationRule> live =
          TopicReader.snapshot(connection.consumerSettings(), connection.topics().rulesInForce(), timeout);
      out.printf(ROW, "TENANT/RULE", "VERSION", "NAME", "GROUPS", "KEYWORDS", "MODE");
      List<Map.Entry<String, ModerationRule>> listed = live.entrySet().stream()
          .filter(e -> tenant == null || RecordKeys.tenantOf(e.getKey()).equals(tenant))
          .sorted(Map.Entry.comparingByKey())
          .toList();
      listed.forEach(e -> print(out, e.getKey(), e.getValue()));
      out.printf("%d rules in force%s%n", listed.size(), tenant == null ? "" : " for tenant " + tenant);
      out.flush();
      return 0;
    }
  }

  private static void print(PrintWriter out, String key, ModerationRule rule) {
    String mode = !rule.getEnabled() ? "disabled" : rule.getShadow() ? "shadow" : "enforced";
    out.printf(ROW, DecisionTable.clip(key, 40), "v" + rule.getVersion(), DecisionTable.clip(rule.getName(), 32),
        rule.getAllGroups() ? "all" : String.valueOf(rule.getGroupIds().size()), rule.getKeywords().size(), mode);
  }
}
