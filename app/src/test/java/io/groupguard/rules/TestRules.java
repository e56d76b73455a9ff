package io.groupguard.rules;

import io.groupguard.avro.ChatMessage;
import io.groupguard.avro.ContentType;
import io.groupguard.avro.Keyword;
import io.groupguard.avro.KeywordMatch;
import io.groupguard.avro.ModerationRule;
import io.groupguard.avro.SenderKind;
import java.util.Arrays;
import java.util.List;

/** Builders of rules and messages for tests: valid defaults, override what the test is about. */
final class TestRules {

  static final String TENANT = "t1";
  static final String GROUP = "g1";

  private TestRules() {
  }

  static ModerationRule.Builder rule(String ruleId) {
    return ModerationRule.newBuilder()
        .setTenantId(TENANT).setRuleId(ruleId).setVersion(1).setName("rule " + ruleId).setCreatorId("admin")
        .setAllGroups(false).setGroupIds(List.of(GROUP));
  }

  static List<Keyword> keywords(KeywordMatch match, String... texts) {
    return Arrays.stream(texts).map(text -> new Keyword(text, match)).toList();
  }

  static List<Keyword> keywords(String... texts) {
    return keywords(KeywordMatch.AUTO, texts);
  }

  static ChatMessage.Builder message(String text) {
    return ChatMessage.newBuilder()
        .setTenantId(TENANT).setGroupId(GROUP).setMessageId("m1").setSenderId("member-1")
        .setSenderKind(SenderKind.CUSTOMER).setSendTime(java.time.Instant.EPOCH).setContentType(ContentType.TEXT).setText(text);
  }
}
