package io.groupguard.loadgen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class RatePacerTest {

  private static final long START = 1_000_000;

  /** A clock that only moves when the pacer sleeps. */
  private static final class FakeClock {
    long now = START;
    final List<Long> sleeps = new ArrayList<>();

    void sleep(long nanos) {
      sleeps.add(nanos);
      now += nanos;
    }
  }

  /** The clock after {@code events} events paced at {@code rate} per second. */
  private static FakeClock pace(double rate, int events) {
    FakeClock clock = new FakeClock();
    RatePacer pacer = new RatePacer(rate, () -> clock.now, clock::sleep);
    for (int event = 0; event < events; event++) {
      pacer.awaitNext();
    }
    return clock;
  }

  @Test
  void noEventIsReleasedBeforeItsScheduledTime() {
    FakeClock clock = new FakeClock();
    RatePacer pacer = new RatePacer(10_000, () -> clock.now, clock::sleep);
    long start = clock.now;
    for (int event = 0; event < 5_000; event++) {
      pacer.awaitNext();
      assertThat(clock.now - start).isGreaterThanOrEqualTo(event * TimeUnit.MICROSECONDS.toNanos(100));
    }
  }

  @Test
  void sleepsAtLeastAMillisecondAndSendsWhatCameDueInABurst() {
    FakeClock clock = pace(10_000, 10_000);
    assertThat(clock.sleeps).allMatch(nanos -> nanos >= TimeUnit.MICROSECONDS.toNanos(RatePacer.MIN_SLEEP_MICROS));
    // one second of events at 10,000/s: one wake-up per millisecond, not one per event
    assertThat(clock.sleeps).hasSizeBetween(999, 1_000);
    // and the schedule is kept: the last event went out within a millisecond of its time
    assertThat(clock.now - START).isBetween(TimeUnit.MILLISECONDS.toNanos(999) + 900_000,
        TimeUnit.SECONDS.toNanos(1) + TimeUnit.MILLISECONDS.toNanos(1));
  }

  @Test
  void rateZeroNeverSleeps() {
    assertThat(pace(0, 1_000).sleeps).isEmpty();
  }

  @Test
  void negativeRateIsRejected() {
    assertThatThrownBy(() -> new RatePacer(-1)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("must not be negative");
  }
}
