package io.groupguard.cli;

import io.groupguard.avro.Violation;
import java.util.List;

/** The verdict on one message as operators read it. */
enum Verdict {
  /** Broke nothing. */
  ALLOW,
  /** Broke at least one rule or check that is enforced. */
  VIOLATION,
  /** Broke only rules in shadow mode: recorded, not acted on. */
  SHADOW;

  static Verdict of(List<Violation> violations) {
    if (violations.isEmpty()) {
      return ALLOW;
    }
    return violations.stream().allMatch(Violation::getShadow) ? SHADOW : VIOLATION;
  }
}
