package io.groupguard.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ThreadCpuTest {

  @Test
  void threadsOfOneKindShareTheirNameWithoutIdsAndNumbers() {
    assertThat(ThreadCpu.kindOf("bench-full-1-1c9e2f4a-0b1c-4d2e-8f3a-5b6c7d8e9f00-StreamThread-2"))
        .isEqualTo(ThreadCpu.kindOf("bench-full-1-77aa0000-1111-2222-3333-444455556666-StreamThread-1"))
        .isEqualTo("bench-full-#-*-StreamThread-#");
    assertThat(ThreadCpu.kindOf("kafka-producer-network-thread | bench-full-1-StreamThread-1-producer"))
        .isEqualTo("kafka-producer-network-thread");
    assertThat(ThreadCpu.kindOf("data-plane-kafka-request-handler-7")).isEqualTo("data-plane-kafka-request-handler-#");
  }

  @Test
  void aBusyThreadsCpuIsCountedUnderItsKindLargestFirst() {
    ThreadCpu start = ThreadCpu.now();
    long ownBefore = ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
    long end = System.nanoTime() + 300_000_000L;
    while (System.nanoTime() < end) {
      Thread.onSpinWait();
    }
    long ownNanos = ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime() - ownBefore;
    Map<String, Long> byKind = ThreadCpu.now().nanosByKindSince(start);

    assertThat(byKind.get(ThreadCpu.kindOf(Thread.currentThread().getName()))).isGreaterThanOrEqualTo(ownNanos);
    assertThat(byKind).containsKeys(ThreadCpu.JIT, ThreadCpu.GC, ThreadCpu.ROCKSDB, ThreadCpu.OTHER_JVM);
    assertThat(List.copyOf(byKind.values())).isSortedAccordingTo(Comparator.reverseOrder());
  }
}
