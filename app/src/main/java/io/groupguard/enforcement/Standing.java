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
 * A member's strikes and restrictions across the tenant's groups, as held in the strike and
 * restriction stores (restrictions are read and written through to their store one group at a time).
 * Times are event times: a strike counts while {@code at + decay} is after the time of the
 * input being judged, and a mute holds while {@code mutedUntil} is after it, so reprocessing
 * the same inputs always yields the same decisions.
 *
 * <p>Only the newest {@value #STRIKES_KEPT} strikes are kept one by one: the standing is rewritten
 * on every decision, and a spammer's would otherwise grow with every message for the whole decay
 * time. Older strikes become a count that holds until the newest of them decays. That count
 * only exists once a member has had more strikes than any ladder has steps, so decisions are at
 * the ladder's last step either way; what differs is that a strike number may still include
 * older strikes that decayed one by one, and that a duplicate of an input is recognised only
 * while its strike is among the kept ones.
 */
public final class Standing {

  /** Strikes kept one by one; at least as many as a ladder may have steps ({@link Ladder#MAX_STEPS}). */
  public static final int STRIKES_KEPT = 16;

  private final List<Strike> strikes;
  private final GroupRestrictions restrictions;
  private int olderStrikes;
  private Instant olderStrikesUntil;
  private Instant earliestMuteEnd;

  private Standing(MemberStanding stored, GroupRestrictions restrictions) {
    this.strikes = new ArrayList<>(stored.getStrikes());
    this.olderStrikes = stored.getOlderStrikes();
    this.olderStrikesUntil = stored.getOlderStrikesUntil();
    this.earliestMuteEnd = stored.getEarliestMuteEnd();
    this.restrictions = restrictions;
  }

  /** The stored standing (a clean one when the member has none) and the member's restrictions. */
  static Standing of(MemberStanding stored, GroupRestrictions restrictions) {
    return new Standing(stored == null ? MemberStanding.newBuilder().build() : stored, restrictions);
  }

  /** Forgets strikes that have decayed by {@code now}. */
  public void decay(Instant now, Duration decay) {
    strikes.removeIf(strike -> !strike.getAt().plus(decay).isAfter(now));
    if (olderStrikesUntil != null && !olderStrikesUntil.plus(decay).isAfter(now)) {
      forgetOlderStrikes();
    }
  }

  public int strikes() {
    return olderStrikes + strikes.size();
  }

  /**
   * The number the input's strike has or would get: its position when the input already
   * struck (a duplicate of the input record), otherwise the next number.
   */
  public int strikeNumberFor(String inputId) {
    for (int i = 0; i < strikes.size(); i++) {
      if (strikes.get(i).getInputId().equals(inputId)) {
        return olderStrikes + i + 1;
      }
    }
    return strikes() + 1;
  }

  /** Records the input's strike, once per input id, and returns its number. */
  public int addStrike(Instant at, String groupId, String inputId) {
    int number = strikeNumberFor(inputId);
    if (number > strikes()) {
      strikes.add(new Strike(at, groupId, inputId));
      if (strikes.size() > STRIKES_KEPT) {
        Instant oldestAt = strikes.remove(0).getAt();
        olderStrikes++;
        olderStrikesUntil = olderStrikesUntil == null || oldestAt.isAfter(olderStrikesUntil) ? oldestAt : olderStrikesUntil;
      }
    }
    return number;
  }

  public void removeLastStrike() {
    if (!strikes.isEmpty()) {
      strikes.remove(strikes.size() - 1);
    } else if (olderStrikes > 1) {
      olderStrikes--;
    } else {
      forgetOlderStrikes();
    }
  }

  public void clearStrikes() {
    strikes.clear();
    forgetOlderStrikes();
  }

  private void forgetOlderStrikes() {
    olderStrikes = 0;
    olderStrikesUntil = null;
  }

  /**
   * Restrictions no longer in force at {@code now} (ended mutes), removed. The restrictions are
   * read only once the earliest mute end has passed: kicks never end.
   */
  public List<MemberRestriction> dropExpired(Instant now) {
    if (earliestMuteEnd == null || earliestMuteEnd.isAfter(now)) {
      return List.of();
    }
    List<MemberRestriction> expired = new ArrayList<>();
    earliestMuteEnd = null;
    for (MemberRestriction restriction : restrictions.all()) {
      if (!inForce(restriction, now)) {
        restrictions.remove(restriction.getGroupId());
        expired.add(restriction);
      } else {
        noteMuteEnd(restriction);
      }
    }
    return expired;
  }

  /** Restrictions, of one group or (groupId null) of every group. */
  public List<MemberRestriction> restrictionsIn(String groupId) {
    return groupId == null ? restrictions.all() : restrictions.in(groupId).stream().toList();
  }

  public Optional<MemberRestriction> restrictionIn(String groupId) {
    return restrictions.in(groupId);
  }

  /** Imposes a restriction, replacing the member's previous one in that group. */
  public void impose(MemberRestriction restriction) {
    restrictions.put(restriction);
    noteMuteEnd(restriction);
  }

  public void lift(MemberRestriction restriction) {
    restrictions.remove(restriction.getGroupId());
  }

  private void noteMuteEnd(MemberRestriction restriction) {
    Instant end = restriction.getKicked() ? null : restriction.getMutedUntil();
    if (end != null && (earliestMuteEnd == null || end.isBefore(earliestMuteEnd))) {
      earliestMuteEnd = end;
    }
  }

  /** Whether the strike store needs no record: no strikes and no mute to look out for (kicks are in their own store). */
  public boolean isClean() {
    return strikes() == 0 && earliestMuteEnd == null;
  }

  public MemberStanding toRecord() {
    return new MemberStanding(List.copyOf(strikes), olderStrikes, olderStrikesUntil, earliestMuteEnd);
  }

  /** A kick holds until pardoned; a mute until its end (null: forever). */
  public static boolean inForce(MemberRestriction restriction, Instant now) {
    return restriction.getKicked() || restriction.getMutedUntil() == null || restriction.getMutedUntil().isAfter(now);
  }
}
