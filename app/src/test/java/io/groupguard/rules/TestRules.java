package io.groupguard.rules;

import io.groupguard.avro.Keyword;
import io.groupguard.avro.ModerationRule;
import java.util.List;

/** Test data: valid rules to start from, so that each test states only what it changes. */
public final class TestRules {
    private TestRules() {
    }

    /** A valid rule: one keyword ("spam"), version 1, applying to all groups of the tenant, created by "creator-1". */
    public static ModerationRule.Builder validRule(String tenant, String ruleId) {
        return ModerationRule.newBuilder()
                .setTenantId(tenant)
                .setRuleId(ruleId)
                .setVersion(1)
                .setName("No spam")
                .setCreatorId("creator-1")
                .setAllGroups(true)
                .setKeywords(List.of(keyword("spam")));
    }

    /** A keyword matched in the default (AUTO) mode. */
    public static Keyword keyword(String text) {
        return Keyword.newBuilder().setText(text).build();
    }

    /** The record key of a rule, {@code <tenantId>/<ruleId>}. */
    public static String keyOf(ModerationRule rule) {
        return rule.getTenantId() + "/" + rule.getRuleId();
    }
}
