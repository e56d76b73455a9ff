package io.groupguard.ops;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PromQlTest {

  @Test
  void findsSelectedMetricsButNotFunctionsLabelsOrKeywords() {
    String expression = "histogram_quantile(0.99, sum by (le) (rate(a_seconds_bucket{instance=~\"$instance\","
        + "client_id=~\".*-StreamThread-[0-9]+-consumer\"}[$__rate_interval]))) > on (instance) b_total offset 5m"
        + " or c_gauge == 0 unless max_over_time(d[1h:5m]) * 1e3";

    assertThat(PromQl.metricNames(expression)).containsExactly("a_seconds_bucket", "b_total", "c_gauge", "d");
  }

  @Test
  void findsMetricsNamedInsideAggregationsWithoutParenthesesAfterTheName() {
    assertThat(PromQl.metricNames("sum without (pod) (x) / ignoring (le) group_left y"))
        .containsExactly("x", "y");
  }
}
