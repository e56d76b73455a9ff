package io.groupguard.ops;

import io.groupguard.avro.ActionType;
import io.groupguard.avro.Violation;
import io.groupguard.avro.ViolationKind;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.function.IntSupplier;
import java.util.concurrent.TimeUnit;

/**
 * GroupGuard's domain metrics, the only way processors and handlers record them. Names are a
 * contract with dashboards and alerts: in Prometheus they read {@code groupguard_*} (Micrometer
 * adds {@code _total} to counters and {@code _seconds} to timers). Labels stay low-cardinality:
 * never a tenant, group, member or message.
 */
public final class GroupGuardMetrics {

  /**
   * Streams configuration key under which the facade reaches classes Kafka Streams instantiates
   * itself (exception handlers), so that no static instance is needed.
   */
  public static final String STREAMS_CONFIG_KEY = "groupguard.metrics";

  static final String MESSAGES_EVALUATED = "groupguard.messages.evaluated";
  static final String VIOLATIONS = "groupguard.violations";
  static final String ACTIONS = "groupguard.actions";
  static final String CONFIG_REJECTIONS = "groupguard.config.rejections";
  static final String DEAD_LETTERS = "groupguard.dead.letters";
  static final String EVALUATION = "groupguard.evaluation";
  static final String DECISION_LAG = "groupguard.decision.lag";
  static final String SCHEMA_REGISTRY_WAITING = "groupguard.schema.registry.waiting";

  private final MeterRegistry registry;
  private final Counter messagesEvaluated;
  private final Counter deadLetters;
  private final Timer evaluation;
  private final Timer decisionLag;
  // Per kind and shadow flag, and per action type: looked up in the registry once, on first use (so that
  // only what happened is exported), instead of building tags and a meter id for every violation.
  private final Counter[] violationCounters = new Counter[ViolationKind.values().length * 2];
  private final Counter[] actionCounters = new Counter[ActionType.values().length];

  public GroupGuardMetrics(MeterRegistry registry) {
    this.registry = registry;
    this.messagesEvaluated = Counter.builder(MESSAGES_EVALUATED)
        .description("Chat messages evaluated against blacklists and rules").register(registry);
    this.deadLetters = Counter.builder(DEAD_LETTERS)
        .description("Input records sent to the dead-letter topic because they could not be read or processed")
        .register(registry);
    this.evaluation = Timer.builder(EVALUATION)
        .description("Time to evaluate one chat message")
        .publishPercentileHistogram()
        .minimumExpectedValue(Duration.ofNanos(10_000))
        .maximumExpectedValue(Duration.ofSeconds(1))
        .register(registry);
    this.decisionLag = Timer.builder(DECISION_LAG)
        .description("Wall-clock time of the decision minus the event time of the message")
        .publishPercentileHistogram()
        .minimumExpectedValue(Duration.ofMillis(1))
        .maximumExpectedValue(Duration.ofHours(1))
        .register(registry);
  }

  /** Metrics kept in memory only: for tests and for topologies run without an HTTP endpoint. */
  public static GroupGuardMetrics inMemory() {
    return new GroupGuardMetrics(new SimpleMeterRegistry());
  }

  public MeterRegistry registry() {
    return registry;
  }

  /** Exports how many schema lookups are waiting for an unavailable registry (non-zero: processing is held up). */
  public void schemaRegistryWaiting(IntSupplier waitingLookups) {
    Gauge.builder(SCHEMA_REGISTRY_WAITING, waitingLookups::getAsInt)
        .description("Schema registry calls waiting for an unavailable registry; their stream threads wait too")
        .register(registry);
  }

  /**
   * One message was evaluated. A negative lag (the sender's clock ahead of ours) counts as zero
   * so that the histogram still sees the message.
   */
  public void messageEvaluated(long evaluationNanos, long eventTimeMs, long decidedAtMs) {
    messagesEvaluated.increment();
    evaluation.record(evaluationNanos, TimeUnit.NANOSECONDS);
    decisionLag.record(Math.max(0, decidedAtMs - eventTimeMs), TimeUnit.MILLISECONDS);
  }

  public void violation(Violation violation) {
    int index = violation.getKind().ordinal() * 2 + (violation.getShadow() ? 1 : 0);
    Counter counter = violationCounters[index];
    if (counter == null) { // racing threads get the same counter from the registry
      counter = registry.counter(VIOLATIONS, "kind", violation.getKind().name(), "shadow",
          Boolean.toString(violation.getShadow()));
      violationCounters[index] = counter;
    }
    counter.increment();
  }

  public void action(ActionType type) {
    Counter counter = actionCounters[type.ordinal()];
    if (counter == null) {
      counter = registry.counter(ACTIONS, "type", type.name());
      actionCounters[type.ordinal()] = counter;
    }
    counter.increment();
  }

  /** A rule or blacklist entry read from {@code topic} was rejected. */
  public void configRejected(String topic) {
    registry.counter(CONFIG_REJECTIONS, "topic", topic).increment();
  }

  public void deadLetters(int records) {
    deadLetters.increment(records);
  }
}
