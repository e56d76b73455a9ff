package io.groupguard.testing;

import io.groupguard.avro.ActionType;
import io.groupguard.avro.ChatMessage;
import io.groupguard.avro.ModerationAction;
import io.groupguard.avro.Violation;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Compares GroupGuard's committed output with {@link DecisionOracle}'s expectations, message by
 * message: every input has exactly its expected violations and actions, each id appears once,
 * and nothing is decided about a message that was not sent.
 *
 * <p>The conservation law: inputs = decided + clean + dead letters (+ documented drops, none
 * today), where <i>decided</i> messages have at least one violation record, <i>clean</i> ones
 * (the oracle finds nothing) have no output at all, and unreadable inputs are dead letters.
 */
public final class DecisionAudit {

  /** Counts for the conservation law, and every discrepancy found (empty when all is well). */
  public record Result(int inputs, int decided, int clean, int deadLetters, List<String> problems) {

    public boolean conserved() {
      return inputs == decided + clean + deadLetters;
    }
  }

  private static final int MAX_LISTED = 25;

  private DecisionAudit() {
  }

  /**
   * @param inputs       every record written to the messages topic, readable or not
   * @param messages     the readable inputs, each with a unique message id
   * @param deadLetters  dead-letter records read from the output
   */
  public static Result audit(DecisionOracle oracle, int inputs, Collection<ChatMessage> messages, int deadLetters,
      Collection<Violation> violations, Collection<ModerationAction> actions) {
    List<String> problems = new ArrayList<>();
    duplicates(violations.stream().map(v -> v.getViolationId().toString()).toList(), "violation id", problems);
    duplicates(actions.stream().map(a -> a.getActionId().toString()).toList(), "action id", problems);

    Map<String, Set<String>> observedViolations = new HashMap<>();
    for (Violation violation : violations) {
      observedViolations.computeIfAbsent(String.valueOf(violation.getMessageId()), id -> new TreeSet<>())
          .add(DecisionOracle.violationKey(violation.getKind(), violation.getRuleId()));
    }
    Map<String, Map<String, ActionType>> observedActions = new HashMap<>();
    for (ModerationAction action : actions) {
      observedActions.computeIfAbsent(String.valueOf(action.getMessageId()), id -> new HashMap<>())
          .put(action.getActionId(), action.getType());
    }

    Set<String> sent = new HashSet<>();
    int decided = 0;
    int clean = 0;
    for (ChatMessage message : messages) {
      String id = message.getMessageId();
      sent.add(id);
      DecisionOracle.Decision expected = oracle.decide(message);
      Set<String> gotViolations = observedViolations.getOrDefault(id, Set.of());
      Map<String, ActionType> gotActions = observedActions.getOrDefault(id, Map.of());
      if (!gotViolations.equals(expected.violations())) {
        problems.add(id + ": violations " + gotViolations + ", expected " + expected.violations());
      }
      if (!gotActions.equals(expected.actions())) {
        problems.add(id + ": actions " + gotActions.values() + ", expected " + expected.actions().values());
      }
      if (expected.isClean()) {
        clean++;
      } else {
        decided++;
      }
    }
    observedViolations.keySet().stream().filter(id -> !sent.contains(id))
        .forEach(id -> problems.add(id + ": violations about a message that was not sent"));
    observedActions.keySet().stream().filter(id -> !sent.contains(id))
        .forEach(id -> problems.add(id + ": actions about a message that was not sent"));
    List<String> listed = problems.size() <= MAX_LISTED ? problems
        : new ArrayList<>(problems.subList(0, MAX_LISTED));
    if (problems.size() > MAX_LISTED) {
      listed.add("... and " + (problems.size() - MAX_LISTED) + " more");
    }
    return new Result(inputs, decided, clean, deadLetters, listed);
  }

  private static void duplicates(List<String> ids, String what, List<String> problems) {
    Set<String> seen = new HashSet<>();
    ids.stream().filter(id -> !seen.add(id)).distinct().forEach(id -> problems.add("duplicate " + what + " " + id));
  }
}
