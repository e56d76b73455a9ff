package io.groupguard.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.groupguard.avro.ConfigRejection;
import io.groupguard.avro.Violation;
import io.groupguard.cli.OfflineModeration.Outcome;
import io.groupguard.serde.AvroJson;
import java.io.PrintWriter;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Prints what {@code rules test} found: a readable table or JSON lines (one object per message). */
final class ModerationReport {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String ROW = "%-14s  %-28s  %-14s  %-9s  %s%n";
  private static final String DETAIL = "%-14s  %s%n";

  private final PrintWriter out;
  private final boolean json;
  private final Map<Verdict, Integer> verdicts = new EnumMap<>(Verdict.class);

  ModerationReport(PrintWriter out, boolean json) {
    this.out = out;
    this.json = json;
  }

  /** Rules or blacklist entries that were not put in force, with the validator's reasons. */
  void rejected(List<ConfigRejection> rejections) {
    for (ConfigRejection rejection : rejections) {
      String line = "rejected " + rejection.getRecordKey()
          + (rejection.getVersion() == null ? "" : " v" + rejection.getVersion())
          + ": " + (rejection.getField() == null ? "" : rejection.getField() + ": ") + rejection.getReason()
          + " (skipped)";
      if (json) {
        ObjectNode node = JSON.createObjectNode();
        node.put("rejected", rejection.getRecordKey());
        node.set("rejection", AvroJson.toJson(rejection));
        out.println(node);
      } else {
        out.println(line);
      }
    }
    if (!json && !rejections.isEmpty()) {
      out.println();
    }
  }

  void header() {
    if (!json) {
      out.printf(ROW, "MESSAGE", "TENANT/GROUP", "MEMBER", "VERDICT", "TEXT");
    }
  }

  void message(Outcome outcome) {
    Verdict verdict = Verdict.of(outcome.violations());
    verdicts.merge(verdict, 1, Integer::sum);
    if (json) {
      printJson(outcome, verdict);
      return;
    }
    var message = outcome.message();
    out.printf(ROW, DecisionTable.clip(message.getMessageId(), 14),
        DecisionTable.clip(message.getTenantId() + "/" + message.getGroupId(), 28),
        DecisionTable.clip(message.getSenderId(), 14), verdict,
        DecisionTable.clip(message.getText() == null ? "" : message.getText().replaceAll("\\s+", " "), 60));
    for (Violation violation : outcome.violations()) {
      out.printf(DETAIL, "", "↳ " + explain(violation));
    }
    if (!outcome.actions().isEmpty()) {
      out.printf(DETAIL, "", "↳ actions: " + outcome.actions().stream().map(DecisionTable::describe)
          .collect(Collectors.joining(", ")));
    }
  }

  void summary() {
    if (!json) {
      out.println();
      out.printf("messages: %d  allowed: %d  violations: %d  shadow only: %d%n",
          verdicts.values().stream().mapToInt(Integer::intValue).sum(), verdicts.getOrDefault(Verdict.ALLOW, 0),
          verdicts.getOrDefault(Verdict.VIOLATION, 0), verdicts.getOrDefault(Verdict.SHADOW, 0));
    }
    out.flush();
  }

  /** e.g. {@code KEYWORD rule acme-language v3 "Respectful language": keyword 'idiot' matched "IDI0T" at 4-9}. */
  static String explain(Violation violation) {
    StringBuilder text = new StringBuilder(violation.getShadow() ? "shadow " : "").append(violation.getKind());
    if (violation.getRuleId() != null) {
      text.append(" rule ").append(violation.getRuleId()).append(" v").append(violation.getRuleVersion());
      if (violation.getRuleName() != null) {
        text.append(" \"").append(violation.getRuleName()).append('"');
      }
    }
    text.append(':');
    if (violation.getMatchedPattern() != null) {
      text.append(" pattern '").append(violation.getMatchedPattern()).append('\'');
    }
    if (violation.getEvidence() != null) {
      text.append(" matched \"").append(violation.getEvidence()).append('"');
    }
    if (violation.getSpanStart() != null && violation.getSpanEnd() != null) {
      text.append(" at ").append(violation.getSpanStart()).append('-').append(violation.getSpanEnd());
    }
    return text.append(" (").append(violation.getDetail()).append(')').toString();
  }

  private void printJson(Outcome outcome, Verdict verdict) {
    ObjectNode node = JSON.createObjectNode();
    node.put("messageId", outcome.message().getMessageId());
    node.put("verdict", verdict.name());
    ArrayNode violations = node.putArray("violations");
    outcome.violations().forEach(violation -> violations.add(AvroJson.toJson(violation)));
    ArrayNode actions = node.putArray("actions");
    outcome.actions().forEach(action -> actions.add(AvroJson.toJson(action)));
    out.println(node);
  }
}
