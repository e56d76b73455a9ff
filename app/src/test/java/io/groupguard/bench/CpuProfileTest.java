package io.groupguard.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CpuProfileTest {

  private static final String STREAM_THREAD = "[bench-full-1-1c9e2f4a-0b1c-4d2e-8f3a-5b6c7d8e9f00-StreamThread-2 tid=4711]";

  @Test
  void readsEachApplicationsStreamThreadsInnermostFrameFirst() {
    Map<String, List<StackSummary.Sample>> samples = CpuProfile.streamThreadSamples(List.of(
        STREAM_THREAD + ";java/lang/Thread.run;io/groupguard/rules/TenantRuleSet.evaluate;rocksdb::DBImpl::Get(rocksdb::ReadOptions const&) 7",
        STREAM_THREAD + ";java/lang/Thread.run;__memcmp_evex_movbe 2",
        "[data-plane-kafka-request-handler-0 tid=12];java/lang/Thread.run 40"));

    assertThat(samples).containsOnlyKeys("bench-full");
    assertThat(samples.get("bench-full")).containsExactly(
        new StackSummary.Sample(List.of("rocksdb::DBImpl::Get(rocksdb::ReadOptions const&)",
            "io.groupguard.rules.TenantRuleSet.evaluate", "java.lang.Thread.run"), 7),
        new StackSummary.Sample(List.of("__memcmp_evex_movbe", "java.lang.Thread.run"), 2));
  }

  @Test
  void phasesAreNamedAsTheScriptPassesThem() {
    assertThat(CpuProfile.Phase.named("full-round")).isEqualTo(CpuProfile.Phase.FULL_ROUND);
    assertThat(CpuProfile.Phase.named("latency")).isEqualTo(CpuProfile.Phase.LATENCY);
    assertThatThrownBy(() -> CpuProfile.Phase.named("LATENCY")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("full-round or latency");
  }

  @Test
  void streamThreadsOfEveryRoundBelongToOneApplication() {
    assertThat(StackSummary.applicationOfStreamThread("bench-full-3-77aa0000-1111-2222-3333-444455556666-StreamThread-1"))
        .isEqualTo("bench-full");
    assertThat(StackSummary.applicationOfStreamThread("bench-latency-77aa0000-1111-2222-3333-444455556666-StreamThread-1"))
        .isEqualTo("bench-latency");
    assertThat(StackSummary.applicationOfStreamThread("bench-full-1-77aa0000-1111-2222-3333-444455556666-GlobalStreamThread"))
        .isNull();
  }

  @Test
  void shortNamesKeepTypeAndMethodAndDropALambdasAddress() {
    assertThat(StackSummary.shortName("io.groupguard.rules.TenantRuleSet.evaluate")).isEqualTo("TenantRuleSet.evaluate");
    assertThat(StackSummary.shortName("io.groupguard.enforcement.MemberStandingProcessor$$Lambda.0x00007f8910958ef0.accept"))
        .isEqualTo("MemberStandingProcessor$$Lambda.accept");
    assertThat(StackSummary.shortName("io.groupguard.enforcement.MemberStandingProcessor$$Lambda$3105.0x00007fdfbc9819a0.accept"))
        .isEqualTo("MemberStandingProcessor$$Lambda.accept");
    assertThat(StackSummary.shortName("rocksdb::MemTable::KeyComparator::operator()")).isEqualTo("rocksdb::MemTable::KeyComparator::operator()");
  }
}
