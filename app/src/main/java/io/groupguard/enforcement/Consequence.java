package io.groupguard.enforcement;

import io.groupguard.avro.Penalty;
import java.time.Duration;
import java.util.Comparator;
import java.util.Locale;
import java.util.Objects;

/**
 * What happens to a member beyond the deletion of the offending message: nothing more, a
 * warning, a mute (of a length, or permanent when {@code mute} is null) or a kick. A kick
 * also bars the member from speaking in the group until an operator pardons them.
 * Consequences order by severity: delete-only, warn, mute (shorter first, permanent last), kick.
 */
public record Consequence(Kind kind, Duration mute) implements Comparable<Consequence> {

  public enum Kind { DELETE_ONLY, WARN, MUTE, KICK }

  private static final Comparator<Consequence> SEVERITY = Comparator.comparing(Consequence::kind)
      .thenComparing(c -> c.mute, Comparator.nullsLast(Comparator.naturalOrder()));

  public Consequence {
    Objects.requireNonNull(kind, "kind");
    if (kind != Kind.MUTE && mute != null) {
      throw new IllegalArgumentException("only a mute has a length");
    }
    if (mute != null && (mute.isZero() || mute.isNegative())) {
      throw new IllegalArgumentException("mute length must be positive, got " + mute);
    }
  }

  public static Consequence deleteOnly() {
    return new Consequence(Kind.DELETE_ONLY, null);
  }

  public static Consequence warn() {
    return new Consequence(Kind.WARN, null);
  }

  /** A mute of that length; null means permanent. */
  public static Consequence mute(Duration length) {
    return new Consequence(Kind.MUTE, length);
  }

  public static Consequence kick() {
    return new Consequence(Kind.KICK, null);
  }

  /** A rule's penalty override. */
  public static Consequence of(Penalty penalty) {
    return switch (penalty.getAction()) {
      case DELETE_ONLY -> deleteOnly();
      case WARN -> warn();
      case MUTE -> mute(penalty.getMuteSeconds() == null ? null : Duration.ofSeconds(penalty.getMuteSeconds()));
      case KICK -> kick();
    };
  }

  /** Parses a ladder step: {@code warn}, {@code mute} (permanent), {@code mute:<n>d|h|m}, {@code kick}. */
  public static Consequence parse(String step) {
    String text = step.trim().toLowerCase(Locale.ROOT);
    if (text.equals("warn")) {
      return warn();
    }
    if (text.equals("kick")) {
      return kick();
    }
    if (text.equals("mute")) {
      return mute(null);
    }
    if (text.startsWith("mute:")) {
      return mute(parseLength(text.substring("mute:".length()), step));
    }
    throw new IllegalArgumentException("unknown ladder step '" + step + "': expected warn, mute, mute:<n>d|h|m or kick");
  }

  private static Duration parseLength(String length, String step) {
    if (length.length() < 2) {
      throw new IllegalArgumentException("mute length in '" + step + "' must be <n>d, <n>h or <n>m");
    }
    long amount;
    try {
      amount = Long.parseLong(length.substring(0, length.length() - 1));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("mute length in '" + step + "' must be <n>d, <n>h or <n>m", e);
    }
    if (amount <= 0) {
      throw new IllegalArgumentException("mute length in '" + step + "' must be positive");
    }
    return switch (length.charAt(length.length() - 1)) {
      case 'd' -> Duration.ofDays(amount);
      case 'h' -> Duration.ofHours(amount);
      case 'm' -> Duration.ofMinutes(amount);
      default -> throw new IllegalArgumentException("mute length in '" + step + "' must end in d, h or m");
    };
  }

  public boolean isPermanentMute() {
    return kind == Kind.MUTE && mute == null;
  }

  /** Operator-facing label, e.g. "warn", "mute 7d", "mute permanent", "kick". */
  public String label() {
    return switch (kind) {
      case DELETE_ONLY -> "delete only";
      case WARN -> "warn";
      case KICK -> "kick";
      case MUTE -> "mute " + (mute == null ? "permanent" : compact(mute));
    };
  }

  private static String compact(Duration length) {
    if (length.toSeconds() % 86_400 == 0) {
      return length.toDays() + "d";
    }
    if (length.toSeconds() % 3_600 == 0) {
      return length.toHours() + "h";
    }
    return length.toSeconds() % 60 == 0 ? length.toMinutes() + "m" : length.toSeconds() + "s";
  }

  @Override
  public int compareTo(Consequence other) {
    return SEVERITY.compare(this, other);
  }
}
