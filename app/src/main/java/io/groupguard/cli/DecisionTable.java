package io.groupguard.cli;

import io.groupguard.avro.ChatMessage;
import io.groupguard.avro.ModerationAction;
import io.groupguard.avro.Violation;
import java.io.PrintWriter;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Prints decisions as readable tables: the demo's one row per moderated message with a summary, and
 * the live rows of {@code tail} (one per violation or action as it arrives).
 */
final class DecisionTable {

  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneOffset.UTC);
  private static final String ROW = "%-8s  %-34s  %-12s  %-34s  %-40s  %s%n";
  private static final String LIVE_ROW = "%-8s  %-34s  %-12s  %-14s  %-40s  %s%n";

  private DecisionTable() {
  }

  static void print(PrintWriter out, List<ChatMessage> messages, DecisionCollector decisions) {
    Map<String, ChatMessage> byId = messages.stream()
        .collect(Collectors.toMap(ChatMessage::getMessageId, Function.identity(), (a, b) -> a, LinkedHashMap::new));
    Map<String, List<Violation>> violationsByInput = decisions.violations.stream()
        .collect(Collectors.groupingBy(v -> inputKey(v.getMessageId(), v.getTenantId(), v.getGroupId(), v.getMemberId()),
            LinkedHashMap::new, Collectors.toList()));
    Map<String, List<ModerationAction>> actionsByInput = decisions.actions.stream()
        .collect(Collectors.groupingBy(a -> inputKey(a.getMessageId(), a.getTenantId(), a.getGroupId(), a.getMemberId())));

    out.printf(ROW, "TIME", "TENANT/GROUP", "MEMBER", "MESSAGE", "VIOLATIONS", "ACTIONS");
    violationsByInput.entrySet().stream()
        .sorted(Map.Entry.comparingByValue((a, b) -> a.get(0).getEventTime().compareTo(b.get(0).getEventTime())))
        .forEach(entry -> {
          Violation first = entry.getValue().get(0);
          ChatMessage message = byId.get(entry.getKey());
          String shown = first.getMessageId() == null ? "(joined the group)"
              : message == null || message.getText() == null ? "" : message.getText().replaceAll("\\s+", " ");
          out.printf(ROW,
              TIME.format(first.getEventTime()),
              clip(first.getTenantId() + "/" + first.getGroupId(), 34),
              clip(first.getMemberId(), 12),
              clip(shown, 34),
              clip(entry.getValue().stream().map(DecisionTable::describe).collect(Collectors.joining(", ")), 40),
              actionsByInput.getOrDefault(entry.getKey(), List.of()).stream()
                  .map(DecisionTable::describe).collect(Collectors.joining(", ")));
        });

    out.println();
    out.printf("messages replayed:   %d%n", messages.size());
    out.printf("messages moderated:  %d%n", violationsByInput.keySet().stream().filter(byId::containsKey).count());
    out.printf("violations by kind:  %s%n", count(decisions.violations, v -> v.getKind().name()
        + (v.getShadow() ? "(shadow)" : "")));
    out.printf("actions by type:     %s%n", count(decisions.actions, a -> a.getType().name()));
    out.printf("rule/blacklist rejections: %d%s%n", decisions.rejections.size(), decisions.rejections.isEmpty() ? ""
        : " " + decisions.rejections.stream().map(r -> r.getRecordKey() + ": " + r.getReason()).toList());
    out.printf("dead letters:        %d%s%n", decisions.deadLetters.size(), decisions.deadLetters.isEmpty() ? ""
        : " " + decisions.deadLetters.stream().map(d -> d.topic() + ": " + d.reason()).toList());
    out.flush();
  }

  /** Decisions are per input: a message (by id) or a member event (a join, by tenant/group/member). */
  private static String inputKey(String messageId, String tenantId, String groupId, String memberId) {
    return messageId != null ? messageId : "join:" + tenantId + "/" + groupId + "/" + memberId;
  }

  static void printViolationHeader(PrintWriter out) {
    out.printf(LIVE_ROW, "TIME", "TENANT/GROUP", "MEMBER", "MESSAGE", "VIOLATION", "DETAIL");
  }

  static void printViolation(PrintWriter out, Violation violation) {
    out.printf(LIVE_ROW, TIME.format(violation.getEventTime()),
        clip(violation.getTenantId() + "/" + violation.getGroupId(), 34), clip(violation.getMemberId(), 12),
        clip(String.valueOf(violation.getMessageId()), 14), clip(describe(violation), 40), violation.getDetail());
  }

  static void printActionHeader(PrintWriter out) {
    out.printf(LIVE_ROW, "TIME", "TENANT/GROUP", "MEMBER", "MESSAGE", "ACTION", "REASON SHOWN TO THE MEMBER");
  }

  static void printAction(PrintWriter out, ModerationAction action) {
    String step = action.getLadderStep() == null ? "" : " (" + action.getLadderStep() + ")";
    out.printf(LIVE_ROW, TIME.format(action.getEventTime()),
        clip(action.getTenantId() + "/" + action.getGroupId(), 34), clip(action.getMemberId(), 12),
        clip(String.valueOf(action.getMessageId()), 14), clip(describe(action) + step, 40), action.getMemberReason());
  }

  static String describe(Violation violation) {
    String what = violation.getRuleId() == null ? violation.getKind().name() : violation.getKind() + ":" + violation.getRuleId();
    String evidence = violation.getEvidence() == null ? "" : " \"" + violation.getEvidence() + "\"";
    return (violation.getShadow() ? "shadow " : "") + what + evidence;
  }

  static String describe(ModerationAction action) {
    return action.getType().name() + (action.getMuteSeconds() == null ? "" : " " + action.getMuteSeconds() / 3600 + "h");
  }

  private static <T> Map<String, Long> count(List<T> items, Function<T, String> key) {
    return items.stream().collect(Collectors.groupingBy(key, TreeMap::new, Collectors.counting()));
  }

  static String clip(String text, int width) {
    return text.length() <= width ? text : text.substring(0, width - 1) + "…";
  }
}
