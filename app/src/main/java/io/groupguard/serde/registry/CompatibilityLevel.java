package io.groupguard.serde.registry;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.Incompatibility;

/** Confluent's compatibility levels, checked with Avro's {@link SchemaCompatibility}. */
public enum CompatibilityLevel {
  NONE(false, false, false),
  BACKWARD(true, false, false),
  BACKWARD_TRANSITIVE(true, false, true),
  FORWARD(false, true, false),
  FORWARD_TRANSITIVE(false, true, true),
  FULL(true, true, false),
  FULL_TRANSITIVE(true, true, true);

  private final boolean newReadsOld;
  private final boolean oldReadsNew;
  private final boolean transitive;

  CompatibilityLevel(boolean newReadsOld, boolean oldReadsNew, boolean transitive) {
    this.newReadsOld = newReadsOld;
    this.oldReadsNew = oldReadsNew;
    this.transitive = transitive;
  }

  static CompatibilityLevel parse(String level) {
    try {
      return valueOf(level.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw RegistryError.invalidCompatibilityLevel(level);
    }
  }

  /**
   * Returns why {@code candidate} may not follow {@code versions} (oldest first) at this level;
   * empty when it may.
   */
  List<String> incompatibilities(Schema candidate, List<Schema> versions) {
    List<Schema> checked =
        transitive || versions.isEmpty() ? versions : versions.subList(versions.size() - 1,
            versions.size());
    List<String> problems = new ArrayList<>();
    for (Schema existing : checked) {
      if (newReadsOld) {
        problems.addAll(describe(candidate, existing, "new schema cannot read old data"));
      }
      if (oldReadsNew) {
        problems.addAll(describe(existing, candidate, "old schema cannot read new data"));
      }
    }
    return problems;
  }

  private static List<String> describe(Schema reader, Schema writer, String direction) {
    return SchemaCompatibility.checkReaderWriterCompatibility(reader, writer)
        .getResult()
        .getIncompatibilities()
        .stream()
        .map(problem -> direction + ": " + describe(problem))
        .toList();
  }

  private static String describe(Incompatibility problem) {
    return problem.getType() + " at " + problem.getLocation() + " (" + problem.getMessage() + ")";
  }
}
