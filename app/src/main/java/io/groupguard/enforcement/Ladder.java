package io.groupguard.enforcement;

import java.util.ArrayList;
import java.util.List;

/**
 * The escalation ladder: the consequence of a member's n-th strike is step n; strikes beyond
 * the last step repeat it. The default mirrors the product GroupGuard replaces: a warning,
 * then mutes of 1, 7 and 15 days, then a kick (which bars the member from the group for good).
 */
public final class Ladder {

  /** Most steps a ladder may have; a standing keeps at least this many strikes one by one. */
  public static final int MAX_STEPS = Standing.STRIKES_KEPT;

  public static final List<String> DEFAULT_STEPS = List.of("warn", "mute:1d", "mute:7d", "mute:15d", "kick");
  public static final Ladder DEFAULT = parse(DEFAULT_STEPS);

  private final List<Consequence> steps;

  private Ladder(List<Consequence> steps) {
    this.steps = List.copyOf(steps);
  }

  /** Parses steps such as {@code warn, mute:1d, kick}; names the failing step's position. */
  public static Ladder parse(List<String> steps) {
    if (steps == null || steps.isEmpty()) {
      throw new IllegalArgumentException("a ladder needs at least one step");
    }
    if (steps.size() > MAX_STEPS) {
      throw new IllegalArgumentException("a ladder has at most " + MAX_STEPS + " steps, got " + steps.size());
    }
    List<Consequence> parsed = new ArrayList<>();
    for (int i = 0; i < steps.size(); i++) {
      try {
        parsed.add(Consequence.parse(steps.get(i)));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("ladder step " + (i + 1) + ": " + e.getMessage(), e);
      }
    }
    return new Ladder(parsed);
  }

  /** The consequence of the member's {@code strikeNumber}-th strike (1-based). */
  public Consequence step(int strikeNumber) {
    if (strikeNumber < 1) {
      throw new IllegalArgumentException("strike numbers start at 1, got " + strikeNumber);
    }
    return steps.get(Math.min(strikeNumber, steps.size()) - 1);
  }

  /** Operator-facing name of the step, e.g. "strike-2: mute 1d". */
  public String describe(int strikeNumber) {
    return "strike-" + strikeNumber + ": " + step(strikeNumber).label();
  }

  public List<Consequence> steps() {
    return steps;
  }

  @Override
  public String toString() {
    return steps.stream().map(Consequence::label).toList().toString();
  }
}
