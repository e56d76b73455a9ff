package io.groupguard.topology.limits;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class LimitWindowsTest {

  private final LimitWindows windows = new LimitWindows(Duration.ofSeconds(10));

  @Test
  void messagesCountUpToTheGraceBehindStreamTime() {
    assertThat(windows.counts(100_000, 100_000)).isTrue();
    assertThat(windows.counts(120_000, 100_000)).as("ahead of stream time").isTrue();
    assertThat(windows.counts(90_000, 100_000)).as("exactly the grace late").isTrue();
    assertThat(windows.counts(89_999, 100_000)).isFalse();
  }

  @Test
  void stateLivesForTheLongestWindowPlusTheGrace() {
    assertThat(windows.retention()).isEqualTo(Duration.ofDays(7).plusSeconds(10));
  }

  @Test
  void negativeGraceIsRejected() {
    assertThatThrownBy(() -> new LimitWindows(Duration.ofSeconds(-1))).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("grace");
  }
}
