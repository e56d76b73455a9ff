package io.groupguard.cli;

import io.groupguard.avro.BlacklistEntry;
import io.groupguard.avro.ChatMessage;
import io.groupguard.avro.ModerationRule;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code groupguard rules test}: moderates messages from a file against rules from a file, offline. */
@Command(name = "test", mixinStandardHelpOptions = true,
    description = {"Try rules before they go live, or replay an export: moderate the messages of a JSON-lines file "
        + "with the rules (and blacklist) of YAML files, offline, with GroupGuard's real topology (no Kafka needed).",
        "Prints the verdict of every message and why: rule id and version, check kind, pattern, evidence and its "
            + "place in the text. Invalid rules are reported with the validator's reasons and skipped.",
        "Exit code 0; 2 when a file cannot be read (the message names file:line and field)."})
final class RulesTestCommand implements Callable<Integer> {

  @Option(names = "--rules", required = true, paramLabel = "FILE.yaml",
      description = "Rules: a list under 'rules:' with ModerationRule field names (like demo/rules.yaml).")
  Path rulesFile;

  @Option(names = "--messages", required = true, paramLabel = "FILE.jsonl",
      description = "Messages: one ChatMessage JSON object per line (like demo/messages.jsonl).")
  Path messagesFile;

  @Option(names = "--blacklist", paramLabel = "FILE.yaml",
      description = "Blacklist entries: a list under 'entries:' with BlacklistEntry field names.")
  Path blacklistFile;

  @Option(names = "--json", description = "Print JSON lines instead of a table: one object per message with "
      + "messageId, verdict (ALLOW|VIOLATION|SHADOW), violations[] and actions[].")
  boolean json;

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() {
    List<ModerationRule> rules = RecordFiles.readYamlList(rulesFile, "rules", ModerationRule.class);
    List<BlacklistEntry> blacklist = blacklistFile == null ? List.of()
        : RecordFiles.readYamlList(blacklistFile, "entries", BlacklistEntry.class);
    List<ChatMessage> messages = RecordFiles.readJsonLines(messagesFile, ChatMessage.class);
    Instant start = messages.stream().map(ChatMessage::getSendTime).min(Comparator.naturalOrder()).orElse(Instant.now());

    CliLogging.quietKafka();
    ModerationReport report = new ModerationReport(spec.commandLine().getOut(), json);
    try (OfflineModeration moderation = new OfflineModeration(start)) {
      report.rejected(moderation.configure(rules, blacklist, start));
      report.header();
      messages.forEach(message -> report.message(moderation.moderate(message)));
    }
    report.summary();
    return 0;
  }
}
