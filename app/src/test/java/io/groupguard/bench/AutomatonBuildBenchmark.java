package io.groupguard.bench;

import io.groupguard.rules.TenantRuleSet;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/** Time to compile a tenant of 1,000 rules x 100 keywords (normalization + automaton). */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2)
@Measurement(iterations = 5)
@Fork(value = 1, jvmArgsAppend = {"-Xmx3g"})
@State(Scope.Benchmark)
public class AutomatonBuildBenchmark {

  private BenchCorpus corpus;

  @Setup
  public void setUp() {
    corpus = new BenchCorpus(42L, 0);
  }

  @Benchmark
  public TenantRuleSet compileTenant() {
    return TenantRuleSet.compile(BenchCorpus.TENANT, corpus.rules);
  }
}
