package io.groupguard.topology.limits;

import static org.assertj.core.api.Assertions.assertThat;

import io.groupguard.avro.FloodLimit;
import io.groupguard.avro.ModerationRule;
import io.groupguard.rules.Finding;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class FloodDetectorTest {

  private static final long T0 = 1_795_165_950_000L;

  private final WindowStores stores = new WindowStores();
  private final FloodDetector detector = new FloodDetector(stores.open("senders"));

  @AfterEach
  void close() {
    stores.close();
  }

  private static ModerationRule flood(String id, int members) {
    return ModerationRule.newBuilder().setTenantId("t").setRuleId(id).setVersion(1).setName(id).setCreatorId("c")
        .setAllGroups(true).setFloodLimit(new FloodLimit(members, 60)).build();
  }

  private List<String> firing(String member, long offsetMillis, List<ModerationRule> rules) {
    return detector.check("t", "f00d", member, T0 + offsetMillis, rules).stream()
        .map(Finding::rule).map(ModerationRule::getRuleId).toList();
  }

  @Test
  void theCopyThatBringsTheDistinctSendersToTheLimitAndLaterOnesAreFlagged() {
    List<ModerationRule> rules = List.of(flood("three", 3));
    assertThat(firing("a", 0, rules)).isEmpty();
    assertThat(firing("a", 1_000, rules)).as("the same member twice is one sender").isEmpty();
    assertThat(firing("b", 2_000, rules)).isEmpty();
    assertThat(firing("c", 3_000, rules)).containsExactly("three");
    assertThat(firing("a", 4_000, rules)).containsExactly("three");
    assertThat(firing("d", 61_500, rules)).as("a's first copies left the window; a, b, c still sent within it")
        .containsExactly("three");
    assertThat(firing("e", 200_000, rules)).as("everything else left the window").isEmpty();
  }

  @Test
  void eachRuleCountsItsOwnSenders() {
    ModerationRule two = flood("two", 2);
    ModerationRule four = flood("four", 4);
    assertThat(firing("a", 0, List.of(two))).isEmpty();
    assertThat(firing("b", 1, List.of(two, four))).containsExactly("two");
    assertThat(firing("c", 2, List.of(four))).as("a counted for 'two' only").isEmpty();
  }
}
