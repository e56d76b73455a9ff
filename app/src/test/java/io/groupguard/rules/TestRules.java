package io.groupguard.rules;

import io.groupguard.avro.ChatMessage;
import io.groupguard.avro.ContentType;
import io.groupguard.avro.Keyword;
import io.groupguard.avro.KeywordMatch;
import io.groupguard.avro.ModerationRule;
import io.groupguard.avro.SenderKind;
import java.util.Arrays;
import java.util.List;

/** Test data: valid rules and messages to start from, so that each test states only what it changes. */
public final class TestRules {

  static final String TENANT = "t1";
  static final String GROUP = "g1";

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

  /** A valid rule of tenant {@link #TENANT} scoped to group {@link #GROUP}, with nothing to check yet. */
  static ModerationRule.Builder rule(String ruleId) {
    return ModerationRule.newBuilder()
        .setTenantId(TENANT).setRuleId(ruleId).setVersion(1).setName("rule " + ruleId).setCreatorId("admin")
        .setAllGroups(false).setGroupIds(List.of(GROUP));
  }

  /** A keyword matched in the default (AUTO) mode. */
  public static Keyword keyword(String text) {
    return Keyword.newBuilder().setText(text).build();
  }

  static List<Keyword> keywords(KeywordMatch match, String... texts) {
    return Arrays.stream(texts).map(text -> new Keyword(text, match)).toList();
  }

  static List<Keyword> keywords(String... texts) {
    return keywords(KeywordMatch.AUTO, texts);
  }

  /** The record key of a rule, {@code <tenantId>/<ruleId>}. */
  public static String keyOf(ModerationRule rule) {
    return rule.getTenantId() + "/" + rule.getRuleId();
  }

  /** A text message of a customer in {@link #GROUP}. */
  static ChatMessage.Builder message(String text) {
    return ChatMessage.newBuilder()
        .setTenantId(TENANT).setGroupId(GROUP).setMessageId("m1").setSenderId("member-1")
        .setSenderKind(SenderKind.CUSTOMER).setSendTime(java.time.Instant.EPOCH).setContentType(ContentType.TEXT).setText(text);
  }
}
