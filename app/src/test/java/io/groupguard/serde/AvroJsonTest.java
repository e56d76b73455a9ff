package io.groupguard.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.groupguard.avro.ChatMessage;
import io.groupguard.avro.KeywordMatch;
import io.groupguard.avro.ModerationRule;
import io.groupguard.avro.PenaltyAction;
import io.groupguard.avro.RestrictedContent;
import io.groupguard.avro.SenderKind;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class AvroJsonTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  private static final String RULE_YAML = """
      tenantId: acme
      ruleId: no-spam
      version: 3
      name: No spam
      creatorId: staff-1
      groupIds: [g-1, g-2]
      keywords:
        - text: 加微信
        - text: cheap
          match: word
        - text: "520"
          match: SUBSTRING
      linkWhitelist: [acme.com]
      senderRestrictions:
        - senderKinds: [customer]
          forbid: links
      rateLimit: {maxMessages: 5, windowSeconds: 10}
      penalty: {action: mute, muteSeconds: 600}
      updatedAt: 2024-05-01T16:30:00+08:00
      """;

  @Test
  void readsARuleWrittenAsYaml() throws Exception {
    ModerationRule rule = AvroJson.fromJson(yaml(RULE_YAML), ModerationRule.class);

    assertThat(rule.getRuleId()).isEqualTo("no-spam");
    assertThat(rule.getVersion()).isEqualTo(3L);
    assertThat(rule.getEnabled()).as("schema default").isTrue();
    assertThat(rule.getAllowWords()).as("schema default").isEmpty();
    assertThat(rule.getGroupIds()).containsExactly("g-1", "g-2");
    assertThat(rule.getKeywords()).extracting(k -> k.getText(), k -> k.getMatch())
        .containsExactly(
            tuple("加微信", KeywordMatch.AUTO),
            tuple("cheap", KeywordMatch.WORD),
            tuple("520", KeywordMatch.SUBSTRING));
    assertThat(rule.getLinkWhitelist()).containsExactly("acme.com");
    assertThat(rule.getMiniProgramWhitelist()).as("nullable union default").isNull();
    assertThat(rule.getSenderRestrictions().get(0).getSenderKinds())
        .containsExactly(SenderKind.CUSTOMER);
    assertThat(rule.getSenderRestrictions().get(0).getForbid()).isEqualTo(RestrictedContent.LINKS);
    assertThat(rule.getRateLimit().getMaxMessages()).isEqualTo(5);
    assertThat(rule.getDuplicateLimit()).isNull();
    assertThat(rule.getPenalty().getAction()).isEqualTo(PenaltyAction.MUTE);
    assertThat(rule.getPenalty().getMuteSeconds()).isEqualTo(600L);
    assertThat(rule.getUpdatedAt()).isEqualTo(Instant.parse("2024-05-01T08:30:00Z"));
  }

  @Test
  void acceptsEpochMillisForTimestamps() throws Exception {
    JsonNode node = JSON.readTree("""
        {"tenantId":"t","groupId":"g","messageId":"m","senderId":"s","sendTime":1714552200123}
        """);

    ChatMessage message = AvroJson.fromJson(node, ChatMessage.class);

    assertThat(message.getSendTime()).isEqualTo(Instant.ofEpochMilli(1714552200123L));
    assertThat(message.getSenderKind()).isEqualTo(SenderKind.UNKNOWN);
    assertThat(message.getText()).isNull();
  }

  @Test
  void roundTripsThroughJson() throws Exception {
    ModerationRule rule = AvroJson.fromJson(yaml(RULE_YAML), ModerationRule.class);
    ChatMessage message = ChatMessages.sample();

    JsonNode ruleJson = AvroJson.toJson(rule);
    JsonNode messageJson = AvroJson.toJson(message);

    assertThat(AvroJson.fromJson(ruleJson, ModerationRule.class)).isEqualTo(rule);
    assertThat(AvroJson.fromJson(messageJson, ChatMessage.class)).isEqualTo(message);
    assertThat(messageJson.get("sendTime").longValue())
        .isEqualTo(message.getSendTime().toEpochMilli());
    assertThat(messageJson.get("senderKind").asText()).isEqualTo("CUSTOMER");
    assertThat(ruleJson.get("penalty").get("action").asText()).isEqualTo("MUTE");
    assertThat(ruleJson.get("duplicateLimit").isNull()).isTrue();
  }

  @Test
  void defaultListsAreNotSharedBetweenRecords() throws Exception {
    JsonNode minimal = yaml("{tenantId: t, ruleId: r, version: 1, name: n, creatorId: c}");
    ModerationRule first = AvroJson.fromJson(minimal, ModerationRule.class);
    ModerationRule second = AvroJson.fromJson(minimal, ModerationRule.class);

    first.getGroupIds().add("g-1");

    assertThat(second.getGroupIds()).isEmpty();
  }

  @Test
  void namesThePathOfAnUnknownSymbol() throws Exception {
    String yaml = RULE_YAML.replace("match: SUBSTRING", "match: FOO");

    assertThatThrownBy(() -> AvroJson.fromJson(yaml(yaml), ModerationRule.class))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("keywords[2].match: unknown symbol 'FOO', expected one of"
            + " [AUTO, WORD, SUBSTRING, PREFIX, SUFFIX]");
  }

  @Test
  void namesThePathOfAnUnknownField() throws Exception {
    String yaml = RULE_YAML.replace("rateLimit: {maxMessages: 5,", "rateLimit: {maxMesages: 5,");

    assertThatThrownBy(() -> AvroJson.fromJson(yaml(yaml), ModerationRule.class))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("rateLimit.maxMesages: unknown field, RateLimit has [maxMessages");
  }

  @Test
  void namesThePathOfAWrongType() throws Exception {
    String yaml = RULE_YAML.replace("windowSeconds: 10}", "windowSeconds: ten}");

    assertThatThrownBy(() -> AvroJson.fromJson(yaml(yaml), ModerationRule.class))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("rateLimit.windowSeconds: expected an int but got string \"ten\"");
  }

  @Test
  void namesAMissingRequiredField() throws Exception {
    assertThatThrownBy(() -> AvroJson.fromJson(
            yaml("{tenantId: t, ruleId: r, version: 1, name: n}"), ModerationRule.class))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("creatorId: missing required field");
  }

  @Test
  void rejectsAnUnparsableTimestamp() throws Exception {
    String yaml = RULE_YAML.replace("2024-05-01T16:30:00+08:00", "yesterday");

    assertThatThrownBy(() -> AvroJson.fromJson(yaml(yaml), ModerationRule.class))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("updatedAt: 'yesterday' is not an ISO-8601 timestamp");
  }

  @Test
  void rejectsANonObjectRoot() throws Exception {
    assertThatThrownBy(() -> AvroJson.fromJson(JSON.readTree("[1]"), ChatMessage.class))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("(root): expected an object (ChatMessage) but got array");
  }

  @Test
  void namesArrayElementsInPaths() throws Exception {
    String yaml = RULE_YAML.replace("groupIds: [g-1, g-2]", "groupIds: [g-1, {id: g-2}]");

    assertThatThrownBy(() -> AvroJson.fromJson(yaml(yaml), ModerationRule.class))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("groupIds[1]: expected a string but got object");
  }

  private static JsonNode yaml(String text) throws Exception {
    return new YAMLMapper().readTree(text);
  }
}
