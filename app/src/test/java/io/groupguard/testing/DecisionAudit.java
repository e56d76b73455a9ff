package io.groupguard.testing;

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
 * message: every input has exactly the violations and actions (type, strike number, mute length) of
 * one of its acceptable outcomes, each id appears once, and nothing is decided about a message that was
 * not sent.
 *
 * <p>The conservation law: inputs = decided + clean + dead letters (+ documented drops, none
 * today), where <i>decided</i> messages have at least one violation record, <i>clean</i> ones
 * (nothing to find, or a muted member's clean message judged before evaluation saw the mute) have
 * no output at all, and unreadable inputs are dead letters.
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
   * @param decisions    the oracle's decision for every readable input, by message id
   * @param inputs       every record written to the messages topic, readable or not
   * @param deadLetters  dead-letter records read from the output
   */
  public static Result audit(Map<String, DecisionOracle.Decision> decisions, int inputs, int deadLetters,
      Collection<Violation> violations, Collection<ModerationAction> actions) {
    List<String> problems = new ArrayList<>();
    duplicates(violations.stream().map(v -> v.getViolationId().toString()).toList(), "violation id", problems);
    duplicates(actions.stream().map(a -> a.getActionId().toString()).toList(), "action id", problems);

    Map<String, Set<String>> observedViolations = new HashMap<>();
    for (Violation violation : violations) {
      observedViolations.computeIfAbsent(String.valueOf(violation.getMessageId()), id -> new TreeSet<>())
          .add(DecisionOracle.violationKey(violation.getKind(), violation.getRuleId()));
    }
    Map<String, Map<String, String>> observedActions = new HashMap<>();
    for (ModerationAction action : actions) {
      observedActions.computeIfAbsent(String.valueOf(action.getMessageId()), id -> new HashMap<>())
          .put(action.getActionId(), DecisionOracle.describe(action));
    }

    int decided = 0;
    int clean = 0;
    for (DecisionOracle.Decision decision : decisions.values()) {
      String id = decision.messageId();
      DecisionOracle.Outcome observed = new DecisionOracle.Outcome(observedViolations.getOrDefault(id, Set.of()),
          observedActions.getOrDefault(id, Map.of()));
      boolean acceptable = decision.acceptable().contains(observed);
      if (!acceptable) {
        problems.add(id + ": violations " + observed.violations() + " and actions " + observed.actions().values()
            + ", expected " + decision.acceptable().stream()
                .map(outcome -> outcome.violations() + " and " + outcome.actions().values()).toList());
      }
      if ((acceptable ? observed : decision.expected()).isClean()) {
        clean++;
      } else {
        decided++;
      }
    }
    observedViolations.keySet().stream().filter(id -> !decisions.containsKey(id))
        .forEach(id -> problems.add(id + ": violations about a message that was not sent"));
    observedActions.keySet().stream().filter(id -> !decisions.containsKey(id))
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
