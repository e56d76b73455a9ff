package io.groupguard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.groupguard.avro.Keyword;
import io.groupguard.avro.KeywordMatch;
import io.groupguard.avro.ModerationRule;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RulePlanTest {

  private final ModerationRule language = rule("acme", "language", 1, List.of("idiot", "loser"));

  @Test
  void describesChangedFieldsOneByOne() {
    ModerationRule next = ModerationRule.newBuilder(rule("acme", "language", 2, List.of("idiot", "scam")))
        .setShadow(true).setGroupIds(List.of("g1", "g2")).setUpdatedAt(Instant.parse("2026-12-01T00:00:00Z")).build();

    assertThat(RuleDiff.between(language, next)).extracting(Object::toString).containsExactly(
        "version: 1 -> 2",
        "shadow: false -> true",
        "groupIds: +\"g1\" +\"g2\"",
        "keywords: +{\"text\":\"scam\",\"match\":\"AUTO\"} -{\"text\":\"loser\",\"match\":\"AUTO\"}");
  }

  @Test
  void sortsRulesIntoAddedChangedUnchangedAndRemoved() {
    ModerationRule ads = rule("acme", "ads", 4, List.of("代购"));
    ModerationRule other = rule("globex", "other", 1, List.of("x"));
    ModerationRule fresh = rule("acme", "fresh", 1, List.of("y"));
    ModerationRule changed = rule("acme", "language", 2, List.of("idiot"));
    Map<String, ModerationRule> live = byKey(language, ads, other);

    RulePlan plan = RulePlan.of(byKey(changed, fresh), live, true);

    assertThat(plan.added).containsOnlyKeys("acme/fresh");
    assertThat(plan.changed).containsOnlyKeys("acme/language");
    assertThat(plan.removed).as("only tenants of the file are pruned").containsOnlyKeys("acme/ads");
    assertThat(plan.toPublish()).containsExactly(fresh, changed);
    assertThat(RulePlan.of(byKey(language), live, false).isEmpty()).isTrue();

    StringWriter text = new StringWriter();
    plan.print(new PrintWriter(text));
    assertThat(text.toString()).isEqualTo("""
        + acme/fresh v1 "Rule fresh" (new)
        ~ acme/language v1 -> v2
            keywords: -{"text":"loser","match":"AUTO"}
        - acme/ads v4 "Rule ads" (not in the file: removed)
        1 added, 1 changed, 1 removed, 0 unchanged
        """);
  }

  private static Map<String, ModerationRule> byKey(ModerationRule... rules) {
    Map<String, ModerationRule> map = new LinkedHashMap<>();
    for (ModerationRule rule : rules) {
      map.put(rule.getTenantId() + "/" + rule.getRuleId(), rule);
    }
    return map;
  }

  private static ModerationRule rule(String tenant, String id, long version, List<String> keywords) {
    return ModerationRule.newBuilder()
        .setTenantId(tenant).setRuleId(id).setVersion(version).setName("Rule " + id).setCreatorId("emp-1")
        .setAllGroups(true)
        .setKeywords(keywords.stream().map(k -> new Keyword(k, KeywordMatch.AUTO)).toList())
        .build();
  }
}
