package io.groupguard.topology.limits;

import io.groupguard.rules.RuleLimits;
import java.time.Duration;
import java.util.Objects;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;
import org.apache.kafka.streams.state.WindowStore;

/**
 * Event-time policy shared by the limit checks. Windows are measured on the messages' sendTime. A message
 * counts when its sendTime is at most {@code grace} behind the latest sendTime its partition has seen
 * (stream time); a later one is left out of every limit (it neither counts nor is judged by one), because
 * the messages after it were judged without it and cannot be judged again. State lives for the longest
 * window a rule may have plus the grace, then the window stores drop it segment by segment.
 *
 * @param grace how far behind stream time a message may be and still count
 */
public record LimitWindows(Duration grace) {

  public LimitWindows {
    Objects.requireNonNull(grace, "grace");
    if (grace.isNegative()) {
      throw new IllegalArgumentException("grace must not be negative, got " + grace);
    }
  }

  /** Whether a message sent at {@code eventTime} still counts when the partition has seen {@code streamTime}. */
  public boolean counts(long eventTime, long streamTime) {
    return eventTime >= streamTime - grace.toMillis();
  }

  /** How long a recorded message must stay: the longest rule window plus the grace. */
  public Duration retention() {
    return RuleLimits.MAX_LIMIT_WINDOW.plus(grace);
  }

  /**
   * A changelogged RocksDB window store of events (timestamp = sendTime) per key, keeping every event of a
   * key even at the same millisecond. Caching stays off: it cannot keep duplicates.
   */
  public StoreBuilder<WindowStore<String, String>> eventStore(String name) {
    return Stores.windowStoreBuilder(
        Stores.persistentWindowStore(name, retention(), Duration.ofMillis(1), true), Serdes.String(), Serdes.String());
  }
}
