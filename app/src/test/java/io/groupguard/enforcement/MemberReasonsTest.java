package io.groupguard.enforcement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.groupguard.avro.ActionType;
import io.groupguard.avro.ModerationRule;
import io.groupguard.avro.Violation;
import io.groupguard.avro.ViolationKind;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MemberReasonsTest {

  private static final ReasonTemplates EN = ReasonTemplates.bundled("en");
  private static final ReasonTemplates ZH = ReasonTemplates.bundled("zh");

  @Test
  void namesTheRuleMasksTheEvidenceAndStatesTheConsequence() {
    assertThat(MemberReasons.explain(keyword("fuck"), null, Consequence.warn(), EN)).isEqualTo(
        "Your message was removed because it contained a blocked word: f**k (rule \"Clean talk\"). "
            + "This is a warning; repeated offences lead to a mute.");
    assertThat(MemberReasons.explain(keyword("傻瓜蛋"), null, Consequence.mute(Duration.ofDays(7)), ZH))
        .isEqualTo("你的消息包含违禁词“傻*蛋”（规则“Clean talk”），已被撤回。你已在本群被禁言7天。");
  }

  @Test
  void everyKindAndConsequenceHasATemplateInEveryLanguage() {
    for (String language : ReasonTemplates.LANGUAGES) {
      ReasonTemplates templates = ReasonTemplates.bundled(language);
      for (ViolationKind kind : ViolationKind.values()) {
        Violation violation = Violation.newBuilder(keyword("spam")).setKind(kind).build();
        for (Consequence consequence : Ladder.DEFAULT.steps()) {
          assertThat(MemberReasons.explain(violation, null, consequence, templates)).doesNotContain("{");
        }
      }
      assertThat(MemberReasons.lifted(ActionType.UNMUTE, templates)).isNotBlank();
      assertThat(MemberReasons.lifted(ActionType.UNKICK, templates)).isNotBlank();
    }
  }

  @Test
  void durationsInWords() {
    assertThat(EN.duration(Duration.ofDays(1))).isEqualTo("1 day");
    assertThat(EN.duration(Duration.ofDays(15))).isEqualTo("15 days");
    assertThat(EN.duration(Duration.ofHours(2))).isEqualTo("2 hours");
    assertThat(EN.duration(Duration.ofSeconds(90))).isEqualTo("2 minutes");
    assertThat(ZH.duration(Duration.ofMinutes(30))).isEqualTo("30分钟");
    assertThat(MemberReasons.explain(keyword("x"), null, Consequence.mute(null), EN)).endsWith("muted in this group permanently.");
  }

  @Test
  void rulesOwnReasonAndTenantOverridesWin() {
    ModerationRule rule = ModerationRule.newBuilder().setTenantId("t").setRuleId("r").setVersion(1).setName("n")
        .setCreatorId("c").setMemberReason("Please keep it civil.").build();
    assertThat(MemberReasons.explain(keyword("fuck"), rule, Consequence.kick(), EN)).isEqualTo("Please keep it civil.");
    ReasonTemplates custom = EN.withOverrides(Map.of("KEYWORD", "Blocked: {evidence} ({ruleName})."));
    assertThat(MemberReasons.explain(keyword("fuck"), null, Consequence.deleteOnly(), custom))
        .isEqualTo("Blocked: f**k (Clean talk).");
    assertThatThrownBy(() -> EN.withOverrides(Map.of("KEYWRD", "x"))).hasMessageContaining("KEYWRD");
    assertThatThrownBy(() -> ReasonTemplates.bundled("fr")).hasMessageContaining("fr");
  }

  private static Violation keyword(String evidence) {
    return Violation.newBuilder().setViolationId("v").setTenantId("t").setGroupId("g").setMemberId("m")
        .setKind(ViolationKind.KEYWORD).setRuleId("r").setRuleVersion(1L).setRuleName("Clean talk").setEvidence(evidence)
        .setDetail("d").setEventTime(Instant.EPOCH).setDetectedAt(Instant.EPOCH).build();
  }
}
