package io.groupguard.rules;

import static io.groupguard.rules.TestRules.GROUP;
import static io.groupguard.rules.TestRules.TENANT;
import static io.groupguard.rules.TestRules.keywords;
import static io.groupguard.rules.TestRules.message;
import static io.groupguard.rules.TestRules.rule;
import static org.assertj.core.api.Assertions.assertThat;

import io.groupguard.avro.ChatMessage;
import io.groupguard.avro.ContentType;
import io.groupguard.avro.KeywordMatch;
import io.groupguard.avro.ModerationRule;
import io.groupguard.avro.RestrictedContent;
import io.groupguard.avro.SenderKind;
import io.groupguard.avro.SenderRestriction;
import io.groupguard.avro.ViolationKind;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TenantRuleSetTest {

  private static List<Finding> evaluate(ModerationRule rule, ChatMessage message) {
    return TenantRuleSet.compile(TENANT, List.of(rule)).evaluate(message);
  }

  private static List<Finding> evaluate(ModerationRule rule, String text) {
    return evaluate(rule, message(text).build());
  }

  @ParameterizedTest
  @ValueSource(strings = {"you ass", "ASS!", "a.s.s", "a s s", "аss", "a$$", "ａｓｓ", "a\u200Bss", "asssss", "you,ass"})
  void latinKeywordFindsDisguisedWord(String text) {
    List<Finding> findings = evaluate(rule("r1").setKeywords(keywords("ass")).build(), text);
    assertThat(findings).singleElement().satisfies(finding -> {
      assertThat(finding.kind()).isEqualTo(ViolationKind.KEYWORD);
      assertThat(finding.matchedPattern()).isEqualTo("ass");
      assertThat(text.substring(finding.spanStart(), finding.spanEnd())).isEqualTo(finding.evidence());
    });
  }

  @ParameterizedTest
  @ValueSource(strings = {"class", "classic", "passage", "as", "a classy assessment", "the pen is blue", "gas station"})
  void latinKeywordIgnoresInnocentWords(String text) {
    ModerationRule rule = rule("r1").setKeywords(keywords("ass", "penis")).build();
    assertThat(evaluate(rule, text)).isEmpty();
  }

  @Test
  void wordModeDoesNotFireInsideScunthorpeButSubstringDoes() {
    assertThat(evaluate(rule("r1").setKeywords(keywords(KeywordMatch.WORD, "cunt")).build(), "Scunthorpe")).isEmpty();
    assertThat(evaluate(rule("r1").setKeywords(keywords(KeywordMatch.SUBSTRING, "cunt")).build(), "Scunthorpe"))
        .singleElement().extracting(Finding::evidence).isEqualTo("cunt");
  }

  @Test
  void prefixAndSuffixModes() {
    ModerationRule prefix = rule("r1").setKeywords(keywords(KeywordMatch.PREFIX, "spam")).build();
    assertThat(evaluate(prefix, "spammer here")).hasSize(1);
    assertThat(evaluate(prefix, "antispam")).isEmpty();
    ModerationRule suffix = rule("r1").setKeywords(keywords(KeywordMatch.SUFFIX, "spam")).build();
    assertThat(evaluate(suffix, "antispam")).hasSize(1);
    assertThat(evaluate(suffix, "spammer")).isEmpty();
  }

  @Test
  void chineseKeywordMatchesAsSubstringThroughTraditionalAndSpacing() {
    ModerationRule rule = rule("r1").setKeywords(keywords("发财")).build();
    assertThat(evaluate(rule, "祝你發財!")).singleElement().extracting(Finding::evidence).isEqualTo("發財");
    assertThat(evaluate(rule, "发 * 财")).singleElement().extracting(Finding::evidence).isEqualTo("发 * 财");
  }

  @Test
  void allowWordSuppressesMatchInsideIt() {
    ModerationRule rule = rule("r1").setKeywords(keywords("生日")).setAllowWords(List.of("生日快乐")).build();
    assertThat(evaluate(rule, "祝你生日快乐")).isEmpty();
    assertThat(evaluate(rule, "生日快乐，生日蛋糕")).singleElement().satisfies(f -> assertThat(f.spanStart()).isEqualTo(5));
  }

  @Test
  void firstMatchInTextOrderAndOneFindingPerRuleAndKind() {
    ModerationRule rule = rule("r1").setKeywords(keywords("scam", "spam")).build();
    List<Finding> findings = evaluate(rule, "spam and scam and spam");
    assertThat(findings).singleElement().satisfies(f -> {
      assertThat(f.matchedPattern()).isEqualTo("spam");
      assertThat(f.spanStart()).isZero();
    });
  }

  @Test
  void exemptMembersAndDisabledRulesNeverFire() {
    ModerationRule exempting = rule("r1").setKeywords(keywords("spam")).setExemptMembers(List.of("member-1")).build();
    assertThat(evaluate(exempting, "spam")).isEmpty();
    ModerationRule disabled = rule("r2").setKeywords(keywords("spam")).setEnabled(false).build();
    assertThat(evaluate(disabled, "spam")).isEmpty();
    assertThat(TenantRuleSet.compile(TENANT, List.of(disabled)).ruleCount()).isZero();
  }

  @Test
  void exemptionFromOneRuleKeepsTheOthersInForce() {
    List<ModerationRule> rules = List.of(
        rule("r1").setKeywords(keywords("spam")).build(),
        rule("r2").setKeywords(keywords("spam")).setExemptMembers(List.of("member-1")).build(),
        rule("r3").setKeywords(keywords("spam")).build(),
        rule("r4").setRegexes(List.of("sp.m")).build());
    assertThat(TenantRuleSet.compile(TENANT, rules).evaluate(message("spam").build()))
        .extracting(f -> f.rule().getRuleId() + ":" + f.kind())
        .containsExactly("r1:KEYWORD", "r3:KEYWORD", "r4:REGEX");
  }

  @Test
  void shadowRulesStillProduceFindings() {
    assertThat(evaluate(rule("r1").setKeywords(keywords("spam")).setShadow(true).build(), "spam")).hasSize(1);
  }

  @Test
  void rulesApplyOnlyToTheirGroups() {
    ModerationRule elsewhere = rule("r1").setKeywords(keywords("spam")).setGroupIds(List.of("other")).build();
    ModerationRule everywhere = rule("r2").setKeywords(keywords("spam")).setAllGroups(true).setGroupIds(List.of()).build();
    TenantRuleSet rules = TenantRuleSet.compile(TENANT, List.of(elsewhere, everywhere));
    assertThat(rules.evaluate(message("spam").build())).extracting(f -> f.rule().getRuleId()).containsExactly("r2");
    assertThat(rules.rulesFor("other")).extracting(ModerationRule::getRuleId).containsExactly("r1", "r2");
    assertThat(rules.rulesFor(GROUP)).extracting(ModerationRule::getRuleId).containsExactly("r2");
  }

  @Test
  void manyRulesOverManyGroupsIndexByGroup() {
    List<String> groups = IntStream.range(0, 20_000).mapToObj(i -> "g" + i).toList();
    List<ModerationRule> rules = IntStream.range(0, 200)
        .mapToObj(i -> rule("r" + i).setGroupIds(groups.subList(i * 100, i * 100 + 100))
            .setKeywords(keywords("word" + i)).build())
        .toList();
    TenantRuleSet ruleSet = TenantRuleSet.compile(TENANT, rules);
    assertThat(ruleSet.ruleCount()).isEqualTo(200);
    assertThat(ruleSet.rulesFor("g150")).extracting(ModerationRule::getRuleId).containsExactly("r1");
    ChatMessage message = message("word1 word2").setGroupId("g150").build();
    assertThat(ruleSet.evaluate(message)).extracting(Finding::matchedPattern).containsExactly("word1");
  }

  @Test
  void regexMatchesOriginalFirstThenNormalizedText() {
    ModerationRule rule = rule("r1").setRegexes(List.of("1[3-9][0-9]{9}", "wechat[0-9]+")).build();
    assertThat(evaluate(rule, "call 13812345678 now")).singleElement().satisfies(f -> {
      assertThat(f.kind()).isEqualTo(ViolationKind.REGEX);
      assertThat(f.evidence()).isEqualTo("13812345678");
      assertThat(f.matchedPattern()).isEqualTo("1[3-9][0-9]{9}");
    });
    assertThat(evaluate(rule("r1").setRegexes(List.of("wechat[0-9]+")).build(), "add ＷｅＣｈａｔ 123"))
        .singleElement().extracting(Finding::evidence).isEqualTo("ＷｅＣｈａｔ 123");
  }

  @Test
  void linkWhitelistCoversSubdomainsAndPrefixesOnly() {
    ModerationRule rule = rule("r1").setLinkWhitelist(List.of("example.com", "https://shop.test.cn/promo/")).build();
    assertThat(evaluate(rule, "see https://shop.example.com/x and example.com")).isEmpty();
    assertThat(evaluate(rule, "see https://shop.test.cn/promo/123")).isEmpty();
    assertThat(evaluate(rule, "see shop.test.cn/other")).singleElement()
        .extracting(Finding::evidence).isEqualTo("shop.test.cn/other");
    List<Finding> bad = evaluate(rule, "go to badexample.com now");
    assertThat(bad).singleElement().satisfies(f -> {
      assertThat(f.kind()).isEqualTo(ViolationKind.LINK);
      assertThat(f.evidence()).isEqualTo("badexample.com");
      assertThat(f.spanStart()).isEqualTo(6);
    });
  }

  @Test
  void lookAlikeDomainIsNotWhitelistedButNamedAsLookAlike() {
    ModerationRule rule = rule("r1").setLinkWhitelist(List.of("example.com")).build();
    assertThat(evaluate(rule, "visit ехаmple.com")).singleElement().satisfies(f -> {
      assertThat(f.evidence()).isEqualTo("ехаmple.com");
      assertThat(f.detail()).contains("look-alike");
    });
  }

  @Test
  void linksFieldIsCheckedWithoutSpan() {
    ModerationRule rule = rule("r1").setLinkWhitelist(List.of("example.com")).build();
    ChatMessage card = message(null).setContentType(ContentType.LINK).setLinks(List.of("https://evil.io/x")).build();
    assertThat(evaluate(rule, card)).singleElement().satisfies(f -> {
      assertThat(f.evidence()).isEqualTo("https://evil.io/x");
      assertThat(f.spanStart()).isEqualTo(-1);
    });
  }

  @Test
  void miniProgramWhitelist() {
    ModerationRule rule = rule("r1").setMiniProgramWhitelist(List.of("wx-good")).build();
    ChatMessage good = message(null).setContentType(ContentType.MINI_PROGRAM).setMiniProgramAppId("wx-good").build();
    ChatMessage bad = message(null).setContentType(ContentType.MINI_PROGRAM).setMiniProgramAppId("wx-bad").build();
    assertThat(evaluate(rule, good)).isEmpty();
    assertThat(evaluate(rule, bad)).singleElement().satisfies(f -> {
      assertThat(f.kind()).isEqualTo(ViolationKind.MINI_PROGRAM);
      assertThat(f.evidence()).isEqualTo("wx-bad");
    });
    assertThat(evaluate(rule("r2").build(), bad)).as("null whitelist disables the check").isEmpty();
  }

  @Test
  void senderRestrictionsSelectByKindOrRole() {
    SenderRestriction customersNoLinks = new SenderRestriction(List.of(SenderKind.CUSTOMER), List.of(), RestrictedContent.LINKS);
    SenderRestriction vipsSilent = new SenderRestriction(List.of(), List.of("muted-vip"), RestrictedContent.ALL_MESSAGES);
    ModerationRule rule = rule("r1").setSenderRestrictions(List.of(customersNoLinks, vipsSilent)).build();
    assertThat(evaluate(rule, "hello")).isEmpty();
    assertThat(evaluate(rule, "see example.com")).singleElement()
        .extracting(Finding::kind).isEqualTo(ViolationKind.SENDER_RESTRICTION);
    assertThat(evaluate(rule, message("see example.com").setSenderKind(SenderKind.EMPLOYEE).build())).isEmpty();
    assertThat(evaluate(rule, message("hi").setSenderKind(SenderKind.EMPLOYEE).setSenderRoles(List.of("muted-vip")).build()))
        .singleElement().extracting(Finding::evidence).isEqualTo("ALL_MESSAGES");
    SenderRestriction noImages = new SenderRestriction(List.of(), List.of(), RestrictedContent.IMAGES);
    ChatMessage image = message(null).setContentType(ContentType.IMAGE).build();
    assertThat(evaluate(rule("r2").setSenderRestrictions(List.of(noImages)).build(), image)).hasSize(1);
  }

  @Test
  void findingsOfOneRuleComeInKindOrder() {
    ModerationRule rule = rule("r1").setKeywords(keywords("spam")).setRegexes(List.of("buy"))
        .setLinkWhitelist(List.of()).build();
    assertThat(evaluate(rule, "buy spam at spam.com")).extracting(Finding::kind)
        .containsExactly(ViolationKind.KEYWORD, ViolationKind.REGEX, ViolationKind.LINK);
  }

  @Test
  @Timeout(60) // a hang guard, not a speed check: speed is measured by scripts/bench-matching.sh
  void neverThrowsOnMalformedOrHugeMessages() {
    ModerationRule rule = rule("r1").setKeywords(keywords("spam", "垃圾")).setRegexes(List.of("a+b"))
        .setLinkWhitelist(List.of("example.com")).build();
    TenantRuleSet rules = TenantRuleSet.compile(TENANT, List.of(rule));
    assertThat(rules.evaluate(message(null).build())).isEmpty();
    assertThat(rules.evaluate(message("\uD800\uDFFF\uDC00 spam").build())).hasSize(1);
    String huge = "正常的消息 normal text, 3.5 e.g. ".repeat(35_000) + "spam";
    assertThat(rules.evaluate(message(huge).build())).extracting(Finding::kind).containsExactly(ViolationKind.KEYWORD);
  }
}
