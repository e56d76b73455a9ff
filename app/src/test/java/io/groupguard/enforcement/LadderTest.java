package io.groupguard.enforcement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.groupguard.avro.Penalty;
import io.groupguard.avro.PenaltyAction;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class LadderTest {

  @Test
  void defaultLadderWarnsThenMutesOneSevenFifteenDaysThenKicks() {
    assertThat(Ladder.DEFAULT.steps()).containsExactly(Consequence.warn(), Consequence.mute(Duration.ofDays(1)),
        Consequence.mute(Duration.ofDays(7)), Consequence.mute(Duration.ofDays(15)), Consequence.kick());
    assertThat(Ladder.DEFAULT.describe(2)).isEqualTo("strike-2: mute 1d");
  }

  @Test
  void strikesBeyondTheLastStepRepeatIt() {
    Ladder ladder = Ladder.parse(List.of("warn", "mute"));
    assertThat(ladder.step(1)).isEqualTo(Consequence.warn());
    assertThat(ladder.step(2).isPermanentMute()).isTrue();
    assertThat(ladder.step(9)).isEqualTo(ladder.step(2));
    assertThatThrownBy(() -> ladder.step(0)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void parsesHoursAndMinutesAndNamesTheBadStep() {
    assertThat(Ladder.parse(List.of(" Mute:12h ", "mute:30m")).steps())
        .extracting(Consequence::label).containsExactly("mute 12h", "mute 30m");
    assertThatThrownBy(() -> Ladder.parse(List.of("warn", "ban"))).hasMessageContaining("step 2").hasMessageContaining("ban");
    assertThatThrownBy(() -> Ladder.parse(List.of("mute:0d"))).hasMessageContaining("positive");
    assertThatThrownBy(() -> Ladder.parse(List.of("mute:3w"))).hasMessageContaining("d, h or m");
    assertThatThrownBy(() -> Ladder.parse(List.of())).hasMessageContaining("at least one step");
  }

  @Test
  void consequencesOrderBySeverity() {
    List<Consequence> ordered = List.of(Consequence.deleteOnly(), Consequence.warn(), Consequence.mute(Duration.ofHours(1)),
        Consequence.mute(Duration.ofDays(7)), Consequence.mute(null), Consequence.kick());
    assertThat(ordered.stream().sorted().toList()).isEqualTo(ordered);
    List<Consequence> reversed = new java.util.ArrayList<>(ordered);
    java.util.Collections.reverse(reversed);
    assertThat(reversed.stream().sorted().toList()).isEqualTo(ordered);
  }

  @Test
  void penaltyOverridesBecomeConsequences() {
    assertThat(Consequence.of(new Penalty(PenaltyAction.MUTE, 3600L))).isEqualTo(Consequence.mute(Duration.ofHours(1)));
    assertThat(Consequence.of(new Penalty(PenaltyAction.MUTE, null)).isPermanentMute()).isTrue();
    assertThat(Consequence.of(new Penalty(PenaltyAction.KICK, null))).isEqualTo(Consequence.kick());
    assertThat(Consequence.of(new Penalty(PenaltyAction.DELETE_ONLY, null))).isEqualTo(Consequence.deleteOnly());
  }
}
