package io.groupguard.ops;

import static org.assertj.core.api.Assertions.assertThat;

import io.groupguard.avro.ActionType;
import io.groupguard.avro.Violation;
import io.groupguard.avro.ViolationKind;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The Prometheus names and labels are a contract with dashboards and alerts: pinned here. */
class GroupGuardMetricsTest {

  private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final GroupGuardMetrics metrics = new GroupGuardMetrics(registry);

  @Test
  void countersAppearUnderTheirPrometheusNamesWithLowCardinalityLabels() {
    metrics.violation(violation(ViolationKind.KEYWORD, false));
    metrics.violation(violation(ViolationKind.KEYWORD, false));
    metrics.violation(violation(ViolationKind.LINK, true));
    metrics.action(ActionType.DELETE_MESSAGE);
    metrics.configRejected("groupguard.rules");
    metrics.deadLetters(2);

    String scrape = registry.scrape();
    assertThat(scrape)
        .contains("groupguard_violations_total{kind=\"KEYWORD\",shadow=\"false\"} 2.0")
        .contains("groupguard_violations_total{kind=\"LINK\",shadow=\"true\"} 1.0")
        .contains("groupguard_actions_total{type=\"DELETE_MESSAGE\"} 1.0")
        .contains("groupguard_config_rejections_total{topic=\"groupguard.rules\"} 1.0")
        .contains("groupguard_dead_letters_total 2.0")
        .contains("groupguard_messages_evaluated_total 0.0");
  }

  @Test
  void evaluationTimeAndDecisionLagAreHistogramsInSeconds() {
    long eventTime = Instant.parse("2026-11-20T09:00:00Z").toEpochMilli();
    metrics.messageEvaluated(TimeUnit.MICROSECONDS.toNanos(250), eventTime, eventTime + 1500);

    String scrape = registry.scrape();
    assertThat(scrape)
        .contains("groupguard_messages_evaluated_total 1.0")
        .contains("groupguard_evaluation_seconds_count 1")
        .contains("groupguard_evaluation_seconds_sum 2.5E-4")
        .contains("groupguard_evaluation_seconds_bucket{le=")
        .contains("groupguard_decision_lag_seconds_count 1")
        .contains("groupguard_decision_lag_seconds_sum 1.5")
        .contains("groupguard_decision_lag_seconds_bucket{le=");
  }

  @Test
  void aMessageFromTheFutureCountsWithZeroLag() {
    metrics.messageEvaluated(1_000, 10_000, 9_000);

    assertThat(registry.get(GroupGuardMetrics.DECISION_LAG).timer().count()).isEqualTo(1);
    assertThat(registry.get(GroupGuardMetrics.DECISION_LAG).timer().totalTime(TimeUnit.MILLISECONDS)).isZero();
  }

  private static Violation violation(ViolationKind kind, boolean shadow) {
    return Violation.newBuilder().setViolationId("v").setTenantId("acme").setGroupId("g1").setMemberId("bob")
        .setKind(kind).setDetail("d").setShadow(shadow).setEventTime(Instant.EPOCH).setDetectedAt(Instant.EPOCH).build();
  }
}
