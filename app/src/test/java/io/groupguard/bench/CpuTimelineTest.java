package io.groupguard.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CpuTimelineTest {

  @Test
  void aThreadSpinningThroughEverySampledSecondShowsAsABusyCoreInEach() {
    CpuTimeline timeline = CpuTimeline.start();
    long end = System.nanoTime() + 2_300_000_000L;
    while (System.nanoTime() < end) {
      Thread.onSpinWait();
    }
    timeline.close();
    Map<String, List<Double>> cores = timeline.coresBySecond(3);
    List<Long> gcPauses = timeline.gcPauseMillisBySecond();

    String spinner = ThreadCpu.kindOf(Thread.currentThread().getName());
    assertThat(cores).containsKeys("process", spinner, "the rest");
    List<Double> spinnerCores = cores.get(spinner);
    assertThat(spinnerCores).hasSizeGreaterThanOrEqualTo(2).allSatisfy(busy -> assertThat(busy).isBetween(0.3, 1.1));
    for (int second = 0; second < spinnerCores.size(); second++) {
      assertThat(cores.get("process").get(second)).isGreaterThanOrEqualTo(spinnerCores.get(second) - 0.05);
    }
    assertThat(gcPauses).hasSize(spinnerCores.size()).allSatisfy(millis -> assertThat(millis).isNotNegative());
  }
}
