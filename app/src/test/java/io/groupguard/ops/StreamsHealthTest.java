package io.groupguard.ops;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.KafkaStreams.State;
import org.junit.jupiter.api.Test;

class StreamsHealthTest {

  private static final TopicPartition CHANGELOG = new TopicPartition("app-recent-violations-store-changelog", 0);

  private final StreamsHealth health = new StreamsHealth();

  @Test
  void startsLiveButNotReady() {
    assertThat(health.live()).isTrue();
    assertThat(health.ready()).isFalse();
  }

  @Test
  void readyOnlyWhenRunningWithNoRestorationInFlight() {
    health.onChange(State.REBALANCING, State.CREATED);
    health.onRestoreStart(CHANGELOG, "recent-violations-store", 0, 100);
    health.onChange(State.RUNNING, State.REBALANCING);
    assertThat(health.ready()).isFalse();
    assertThat(health.restorationsInProgress()).isEqualTo(1);

    health.onRestoreEnd(CHANGELOG, "recent-violations-store", 100);
    assertThat(health.ready()).isTrue();

    health.onChange(State.REBALANCING, State.RUNNING);
    assertThat(health.ready()).isFalse();
  }

  @Test
  void aSuspendedRestorationNoLongerBlocksReadiness() {
    health.onChange(State.RUNNING, State.REBALANCING);
    health.onRestoreStart(CHANGELOG, "recent-violations-store", 0, 100);
    health.onRestoreSuspended(CHANGELOG, "recent-violations-store", 40);
    assertThat(health.ready()).isTrue();
  }

  @Test
  void aFailureIsNotLiveEvenAfterTheInstanceStops() {
    health.onChange(State.RUNNING, State.REBALANCING);
    health.onChange(State.PENDING_ERROR, State.RUNNING);
    assertThat(health.live()).isFalse();
    health.onChange(State.ERROR, State.PENDING_ERROR);
    health.onChange(State.PENDING_SHUTDOWN, State.ERROR);
    health.onChange(State.NOT_RUNNING, State.PENDING_SHUTDOWN);
    assertThat(health.live()).isFalse();
    assertThat(health.ready()).isFalse();
  }

  @Test
  void aCleanShutdownStaysLive() {
    health.onChange(State.RUNNING, State.REBALANCING);
    health.onChange(State.PENDING_SHUTDOWN, State.RUNNING);
    health.onChange(State.NOT_RUNNING, State.PENDING_SHUTDOWN);
    assertThat(health.live()).isTrue();
    assertThat(health.ready()).isFalse();
  }
}
