package io.groupguard.enforcement;

import io.groupguard.avro.MemberRestriction;
import io.groupguard.avro.MemberStanding;
import io.groupguard.avro.Strike;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A member's strikes and restrictions across the tenant's groups, as held in the strike store.
 * Times are event times: a strike counts while {@code at + decay} is after the time of the
 * input being judged, and a mute holds while {@code mutedUntil} is after it, so reprocessing
 * the same inputs always yields the same decisions.
 */
public final class Standing {

  private final List<Strike> strikes;
  private final List<MemberRestriction> restrictions;

  private Standing(List<Strike> strikes, List<MemberRestriction> restrictions) {
    this.strikes = new ArrayList<>(strikes);
    this.restrictions = new ArrayList<>(restrictions);
  }

  /** The stored standing, or a clean one when the member has none. */
  public static Standing of(MemberStanding stored) {
    return stored == null ? new Standing(List.of(), List.of()) : new Standing(stored.getStrikes(), stored.getRestrictions());
  }

  /** Forgets strikes that have decayed by {@code now}. */
  public void decay(Instant now, Duration decay) {
    strikes.removeIf(strike -> !strike.getAt().plus(decay).isAfter(now));
  }

  public int strikes() {
    return strikes.size();
  }

  /**
   * The number the input's strike has or would get: its position when the input already
   * struck (a duplicate of the input record), otherwise the next number.
   */
  public int strikeNumberFor(String inputId) {
    for (int i = 0; i < strikes.size(); i++) {
      if (strikes.get(i).getInputId().equals(inputId)) {
        return i + 1;
      }
    }
    return strikes.size() + 1;
  }

  /** Records the input's strike, once per input id, and returns its number. */
  public int addStrike(Instant at, String groupId, String inputId) {
    int number = strikeNumberFor(inputId);
    if (number > strikes.size()) {
      strikes.add(new Strike(at, groupId, inputId));
    }
    return number;
  }

  public void removeLastStrike() {
    if (!strikes.isEmpty()) {
      strikes.remove(strikes.size() - 1);
    }
  }

  public void clearStrikes() {
    strikes.clear();
  }

  /** Restrictions no longer in force at {@code now} (expired mutes), removed from the standing. */
  public List<MemberRestriction> dropExpired(Instant now) {
    List<MemberRestriction> expired = restrictions.stream().filter(r -> !inForce(r, now)).toList();
    restrictions.removeAll(expired);
    return expired;
  }

  /** Restrictions in force, of one group or (groupId null) of every group. */
  public List<MemberRestriction> restrictionsIn(String groupId) {
    return restrictions.stream().filter(r -> groupId == null || r.getGroupId().equals(groupId)).toList();
  }

  public Optional<MemberRestriction> restrictionIn(String groupId) {
    return restrictions.stream().filter(r -> r.getGroupId().equals(groupId)).findFirst();
  }

  /** Imposes a restriction, replacing the member's previous one in that group. */
  public void impose(MemberRestriction restriction) {
    restrictions.removeIf(r -> r.getGroupId().equals(restriction.getGroupId()));
    restrictions.add(restriction);
  }

  public void lift(MemberRestriction restriction) {
    restrictions.removeIf(r -> r.getGroupId().equals(restriction.getGroupId()));
  }

  /** Whether nothing is left to store. */
  public boolean isClean() {
    return strikes.isEmpty() && restrictions.isEmpty();
  }

  public MemberStanding toRecord() {
    return new MemberStanding(List.copyOf(strikes), List.copyOf(restrictions));
  }

  /** A kick holds until pardoned; a mute until its end (null: forever). */
  public static boolean inForce(MemberRestriction restriction, Instant now) {
    return restriction.getKicked() || restriction.getMutedUntil() == null || restriction.getMutedUntil().isAfter(now);
  }
}
