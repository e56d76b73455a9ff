package io.groupguard.enforcement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.groupguard.avro.MemberRestriction;
import io.groupguard.avro.MemberStanding;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import org.junit.jupiter.api.Test;

/** A spammer's standing stays small: newest strikes one by one, older ones counted, restrictions read per group. */
class StandingTest {

  private static final Instant T0 = Instant.parse("2026-11-20T09:00:00Z");
  private static final Duration DECAY = Duration.ofDays(30);

  @Test
  void strikesBeyondTheKeptOnesAreCountedAndSurviveTheStore() {
    Standing standing = struck(40);

    MemberStanding stored = standing.toRecord();
    Standing reloaded = Standing.of(stored, new InMemoryGroupRestrictions());

    assertThat(stored.getStrikes()).hasSize(Standing.STRIKES_KEPT);
    assertThat(stored.getStrikes().get(0).getInputId()).isEqualTo("m" + (40 - Standing.STRIKES_KEPT + 1));
    assertThat(stored.getOlderStrikes()).isEqualTo(40 - Standing.STRIKES_KEPT);
    assertThat(stored.getOlderStrikesUntil()).isEqualTo(T0.plusSeconds(40 - Standing.STRIKES_KEPT));
    assertThat(reloaded.strikes()).isEqualTo(40);
    assertThat(reloaded.strikeNumberFor("m40")).isEqualTo(40);
    assertThat(reloaded.strikeNumberFor("m" + (40 - Standing.STRIKES_KEPT + 1))).isEqualTo(40 - Standing.STRIKES_KEPT + 1);
    assertThat(reloaded.addStrike(T0.plusSeconds(41), "g", "m41")).isEqualTo(41);
    assertThat(reloaded.addStrike(T0.plusSeconds(41), "g", "m41")).as("a duplicate adds no strike").isEqualTo(41);
    assertThat(reloaded.strikes()).isEqualTo(41);
  }

  @Test
  void olderStrikesHoldUntilTheNewestOfThemDecays() {
    Standing standing = struck(Standing.STRIKES_KEPT + 3); // m1..m3 counted, newest of them at T0 + 3 s

    standing.decay(T0.plusSeconds(2).plus(DECAY), DECAY);
    assertThat(standing.strikes()).as("m1, m2 decayed but are counted until m3 does").isEqualTo(Standing.STRIKES_KEPT + 3);

    standing.decay(T0.plusSeconds(3).plus(DECAY), DECAY);
    assertThat(standing.strikes()).isEqualTo(Standing.STRIKES_KEPT);
    assertThat(standing.toRecord().getOlderStrikesUntil()).isNull();

    standing.decay(T0.plusSeconds(Standing.STRIKES_KEPT + 3).plus(DECAY), DECAY);
    assertThat(standing.strikes()).isZero();
    assertThat(standing.isClean()).isTrue();
  }

  @Test
  void pardonsTakeKeptStrikesFirstThenCountedOnes() {
    Standing standing = struck(Standing.STRIKES_KEPT + 2);
    for (int i = 0; i < Standing.STRIKES_KEPT; i++) {
      standing.removeLastStrike();
    }
    assertThat(standing.strikes()).isEqualTo(2);

    standing.removeLastStrike();
    standing.removeLastStrike();
    standing.removeLastStrike();

    assertThat(standing.strikes()).isZero();
    assertThat(standing.isClean()).isTrue();
    assertThat(standing.toRecord().getOlderStrikesUntil()).isNull();
  }

  @Test
  void resetClearsCountedStrikesToo() {
    Standing standing = struck(Standing.STRIKES_KEPT + 5);

    standing.clearStrikes();

    assertThat(standing.strikes()).isZero();
    assertThat(standing.isClean()).isTrue();
  }

  @Test
  void aLadderHasNoMoreStepsThanTheStandingKeepsStrikes() {
    assertThat(Ladder.parse(Collections.nCopies(Ladder.MAX_STEPS, "warn")).steps()).hasSize(Standing.STRIKES_KEPT);
    assertThatThrownBy(() -> Ladder.parse(Collections.nCopies(Ladder.MAX_STEPS + 1, "warn")))
        .hasMessageContaining("at most " + Ladder.MAX_STEPS + " steps");
  }

  @Test
  void restrictionsAreReadWholeOnlyOnceAMuteHasEnded() {
    InMemoryGroupRestrictions restrictions = new InMemoryGroupRestrictions();
    Standing standing = Standing.of(null, restrictions);
    for (int group = 0; group < 100; group++) {
      standing.impose(kick("k" + group));
    }
    standing.impose(mute("early", T0.plusSeconds(60)));
    standing.impose(mute("late", T0.plusSeconds(120)));
    Standing reloaded = Standing.of(standing.toRecord(), restrictions);

    assertThat(reloaded.dropExpired(T0.plusSeconds(59))).isEmpty();
    assertThat(reloaded.restrictionIn("k7")).isPresent();
    assertThat(restrictions.fullReads()).as("a kick never ends, a mute had not yet").isZero();

    assertThat(reloaded.dropExpired(T0.plusSeconds(60))).extracting(MemberRestriction::getGroupId).containsExactly("early");
    assertThat(reloaded.toRecord().getEarliestMuteEnd()).isEqualTo(T0.plusSeconds(120));
    assertThat(reloaded.dropExpired(T0.plusSeconds(119))).isEmpty();
    assertThat(restrictions.fullReads()).isEqualTo(1);

    assertThat(reloaded.dropExpired(T0.plusSeconds(120))).extracting(MemberRestriction::getGroupId).containsExactly("late");
    assertThat(reloaded.restrictionsIn(null)).hasSize(100);
    assertThat(reloaded.isClean()).as("kicks need no strike record").isTrue();
  }

  private static MemberRestriction kick(String groupId) {
    return restriction(groupId).setKicked(true).build();
  }

  private static MemberRestriction mute(String groupId, Instant until) {
    return restriction(groupId).setKicked(false).setMutedUntil(until).build();
  }

  private static MemberRestriction.Builder restriction(String groupId) {
    return MemberRestriction.newBuilder().setTenantId("acme").setGroupId(groupId).setMemberId("bob")
        .setImposedAt(T0).setActionId("act-" + groupId).setStrikeNumber(5).setAppealable(false);
  }

  /** Strikes m1..mN, one second apart from T0 + 1 s. */
  private static Standing struck(int count) {
    Standing standing = Standing.of(null, new InMemoryGroupRestrictions());
    for (int i = 1; i <= count; i++) {
      assertThat(standing.addStrike(T0.plusSeconds(i), "g", "m" + i)).isEqualTo(i);
    }
    return standing;
  }
}
