package io.groupguard.cli;

import io.groupguard.avro.ModerationRule;
import io.groupguard.serde.AvroJson;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificRecord;

/** Field-level difference between the version of a rule in force and the version in a file. */
final class RuleDiff {

  /** Stamped when a version is published, so it differs between any two versions and says nothing. */
  private static final Set<String> IGNORED_FIELDS = Set.of("updatedAt");

  /** One field that differs, described for an operator, e.g. {@code keywords: +"scam" -"loser"}. */
  record FieldChange(String field, String change) {
    @Override
    public String toString() {
      return field + ": " + change;
    }
  }

  private RuleDiff() {
  }

  /** Every field that differs, in schema order; empty when the two are the same rule. */
  static List<FieldChange> between(ModerationRule live, ModerationRule candidate) {
    List<FieldChange> changes = new ArrayList<>();
    for (Schema.Field field : ModerationRule.getClassSchema().getFields()) {
      Object before = live.get(field.pos());
      Object after = candidate.get(field.pos());
      if (!IGNORED_FIELDS.contains(field.name()) && !Objects.equals(before, after)) {
        changes.add(new FieldChange(field.name(), describe(before, after)));
      }
    }
    return changes;
  }

  private static String describe(Object before, Object after) {
    if (before instanceof List<?> oldItems && after instanceof List<?> newItems) {
      Set<String> removed = rendered(oldItems);
      Set<String> added = rendered(newItems);
      Set<String> kept = new LinkedHashSet<>(removed);
      kept.retainAll(added);
      removed.removeAll(kept);
      added.removeAll(kept);
      if (added.isEmpty() && removed.isEmpty()) {
        return "reordered";
      }
      return (added.stream().map(item -> "+" + item).collect(Collectors.joining(" "))
          + " " + removed.stream().map(item -> "-" + item).collect(Collectors.joining(" "))).strip();
    }
    return render(before) + " -> " + render(after);
  }

  private static Set<String> rendered(List<?> items) {
    return items.stream().map(RuleDiff::render).collect(Collectors.toCollection(LinkedHashSet::new));
  }

  /** Strings quoted, records as compact JSON, lists bracketed, everything else as is. */
  static String render(Object value) {
    if (value == null) {
      return "null";
    }
    if (value instanceof CharSequence text) {
      return "\"" + text + "\"";
    }
    if (value instanceof SpecificRecord record) {
      return AvroJson.toJson(record).toString();
    }
    if (value instanceof List<?> items) {
      return items.stream().map(RuleDiff::render).collect(Collectors.joining(", ", "[", "]"));
    }
    return value.toString();
  }
}
