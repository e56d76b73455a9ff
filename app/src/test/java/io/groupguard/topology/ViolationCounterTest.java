package io.groupguard.topology;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The counter's store keys: the window start first, in an order that is time order. */
class ViolationCounterTest {

  @Test
  void storeKeysSortByWindowStartAndGiveItBack() {
    List<Long> starts = List.of(Long.MIN_VALUE, -3_600_000L, -1L, 0L, 3_600_000L, 1_795_000_000_000L, Long.MAX_VALUE);
    List<String> keys = starts.stream().map(start -> ViolationCounter.storeKey(start, "acme/g/1/KEYWORD/r")).toList();

    assertThat(keys).isSorted();
    assertThat(keys).allSatisfy(key -> assertThat(key).hasSize(16 + 1 + "acme/g/1/KEYWORD/r".length()));
    assertThat(keys.stream().map(ViolationCounter::startOf).toList()).isEqualTo(starts);
  }
}
