package io.groupguard.cli;

import io.groupguard.avro.ModerationRule;
import io.groupguard.cli.RuleDiff.FieldChange;
import io.groupguard.topology.RecordKeys;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What applying a file of rules changes on top of the rules in force: rules added, rules changed
 * (with their field-level differences), rules unchanged, and, when pruning, rules of the file's
 * tenants that the file no longer holds.
 */
final class RulePlan {

  record Change(ModerationRule live, ModerationRule candidate, List<FieldChange> fields) {
  }

  final Map<String, ModerationRule> added = new LinkedHashMap<>();
  final Map<String, Change> changed = new LinkedHashMap<>();
  final Map<String, ModerationRule> removed = new LinkedHashMap<>();
  int unchanged;

  /** @param fileRules rules of the file by key; @param live rules in force by key */
  static RulePlan of(Map<String, ModerationRule> fileRules, Map<String, ModerationRule> live, boolean prune) {
    RulePlan plan = new RulePlan();
    fileRules.forEach((key, candidate) -> {
      ModerationRule current = live.get(key);
      if (current == null) {
        plan.added.put(key, candidate);
      } else {
        List<FieldChange> fields = RuleDiff.between(current, candidate);
        if (fields.isEmpty()) {
          plan.unchanged++;
        } else {
          plan.changed.put(key, new Change(current, candidate, fields));
        }
      }
    });
    if (prune) {
      // Only tenants the file speaks for: a file of one tenant never deletes another tenant's rules.
      Set<String> tenants = fileRules.values().stream().map(ModerationRule::getTenantId).collect(Collectors.toSet());
      live.forEach((key, rule) -> {
        if (tenants.contains(RecordKeys.tenantOf(key)) && !fileRules.containsKey(key)) {
          plan.removed.put(key, rule);
        }
      });
    }
    return plan;
  }

  boolean isEmpty() {
    return added.isEmpty() && changed.isEmpty() && removed.isEmpty();
  }

  /** The new versions to publish: added and changed rules. */
  List<ModerationRule> toPublish() {
    List<ModerationRule> rules = new ArrayList<>(added.values());
    changed.values().forEach(change -> rules.add(change.candidate()));
    return rules;
  }

  void print(PrintWriter out) {
    added.forEach((key, rule) -> out.printf("+ %s v%d \"%s\" (new)%n", key, rule.getVersion(), rule.getName()));
    changed.forEach((key, change) -> {
      out.printf("~ %s v%d -> v%d%n", key, change.live().getVersion(), change.candidate().getVersion());
      change.fields().stream().filter(field -> !field.field().equals("version"))
          .forEach(field -> out.printf("    %s%n", field));
    });
    removed.forEach((key, rule) -> out.printf("- %s v%d \"%s\" (not in the file: removed)%n", key, rule.getVersion(),
        rule.getName()));
    out.printf("%d added, %d changed, %d removed, %d unchanged%n", added.size(), changed.size(), removed.size(),
        unchanged);
    out.flush();
  }
}
