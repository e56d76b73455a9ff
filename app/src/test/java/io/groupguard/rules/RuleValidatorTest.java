package io.groupguard.rules;

import static io.groupguard.rules.TestRules.keyOf;
import static io.groupguard.rules.TestRules.keyword;
import static io.groupguard.rules.TestRules.validRule;
import static org.assertj.core.api.Assertions.assertThat;

import io.groupguard.avro.DuplicateLimit;
import io.groupguard.avro.FloodLimit;
import io.groupguard.avro.Keyword;
import io.groupguard.avro.ModerationRule;
import io.groupguard.avro.Penalty;
import io.groupguard.avro.PenaltyAction;
import io.groupguard.avro.RateLimit;
import io.groupguard.avro.RestrictedContent;
import io.groupguard.avro.SenderKind;
import io.groupguard.avro.SenderRestriction;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.function.IntFunction;
import java.util.function.UnaryOperator;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class RuleValidatorTest {
    private final RuleValidator validator = new RuleValidator(RuleLimits.defaults());

    // ---- limits: every limit is accepted at the limit and rejected one past it ----

    /** A limit, and how to build an otherwise valid rule whose measured quantity is {@code size}. */
    record Limit(int limit, String field, IntFunction<ModerationRule.Builder> ruleOfSize) {
    }

    static Stream<Arguments> limits() {
        return Stream.of(
                limit("keywords", 100, "keywords",
                        n -> rule().setKeywords(strings("kw", n).stream().map(TestRules::keyword).toList())),
                limit("keyword length", 60, "keywords[0].text",
                        n -> rule().setKeywords(List.of(keyword("  " + "x".repeat(n) + "  ")))),
                limit("keyword length in code points", 60, "keywords[0].text",
                        n -> rule().setKeywords(List.of(keyword("😀".repeat(n))))),
                limit("allow words", 1_000, "allowWords", n -> rule().setAllowWords(strings("aw", n))),
                limit("allow word length", 120, "allowWords[0]",
                        n -> rule().setAllowWords(List.of("好".repeat(n)))),
                limit("regexes", 10, "regexes", n -> rule().setRegexes(strings("re", n))),
                limit("regex length", 260, "regexes[0]", n -> rule().setRegexes(List.of("a".repeat(n)))),
                limit("groups", 20_000, "groupIds",
                        n -> rule().setAllGroups(false).setGroupIds(strings("group-", n))),
                limit("link whitelist", 1_000, "linkWhitelist",
                        n -> rule().setLinkWhitelist(IntStream.range(0, n).mapToObj(i -> "d" + i + ".example.com")
                                .toList())),
                limit("URL prefix length", 2_000, "linkWhitelist[0]",
                        n -> rule().setLinkWhitelist(List.of(padded("https://example.com/", n)))),
                limit("mini-program whitelist", 1_000, "miniProgramWhitelist",
                        n -> rule().setMiniProgramWhitelist(strings("wx", n))),
                limit("mini-program id length", 128, "miniProgramWhitelist[0]",
                        n -> rule().setMiniProgramWhitelist(List.of("w".repeat(n)))),
                limit("exempt members", 10_000, "exemptMembers", n -> rule().setExemptMembers(strings("m", n))),
                limit("exempt member id length", 128, "exemptMembers[0]",
                        n -> rule().setExemptMembers(List.of("m".repeat(n)))),
                limit("group id length", 128, "groupIds[0]",
                        n -> rule().setAllGroups(false).setGroupIds(List.of("g".repeat(n)))),
                limit("tenant id length", 128, "tenantId", n -> rule().setTenantId("t".repeat(n))),
                limit("rule id length", 128, "ruleId", n -> rule().setRuleId("r".repeat(n))),
                limit("creator id length", 128, "creatorId", n -> rule().setCreatorId("c".repeat(n))),
                limit("name length", 128, "name", n -> rule().setName("n".repeat(n))),
                limit("member reason length", 300, "memberReason", n -> rule().setMemberReason("r".repeat(n))),
                limit("sender restrictions", 20, "senderRestrictions",
                        n -> rule().setSenderRestrictions(Collections.nCopies(n, restriction(List.of())))),
                limit("roles per restriction", 100, "senderRestrictions[0].roles",
                        n -> rule().setSenderRestrictions(List.of(restriction(strings("role", n))))),
                limit("rate limit messages", 10_000, "rateLimit.maxMessages",
                        n -> rule().setRateLimit(new RateLimit(n, 60))),
                limit("rate limit window", 604_800, "rateLimit.windowSeconds",
                        n -> rule().setRateLimit(new RateLimit(10, n))),
                limit("duplicate limit copies", 10_000, "duplicateLimit.maxCopies",
                        n -> rule().setDuplicateLimit(new DuplicateLimit(n, 60))),
                limit("duplicate limit window", 604_800, "duplicateLimit.windowSeconds",
                        n -> rule().setDuplicateLimit(new DuplicateLimit(1, n))),
                limit("flood limit members", 10_000, "floodLimit.distinctMembers",
                        n -> rule().setFloodLimit(new FloodLimit(n, 60))),
                limit("flood limit window", 604_800, "floodLimit.windowSeconds",
                        n -> rule().setFloodLimit(new FloodLimit(5, n))),
                limit("mute length", 31_536_000, "penalty.muteSeconds",
                        n -> rule().setPenalty(new Penalty(PenaltyAction.MUTE, (long) n))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("limits")
    void acceptsARuleAtTheLimit(Limit limit) {
        assertThat(validate(limit.ruleOfSize().apply(limit.limit()))).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("limits")
    void rejectsARuleOnePastTheLimitNamingFieldAndLimit(Limit limit) {
        assertThat(validate(limit.ruleOfSize().apply(limit.limit() + 1)))
                .singleElement()
                .satisfies(problem -> {
                    assertThat(problem.field()).isEqualTo(limit.field());
                    assertThat(problem.reason()).contains("the limit is " + formatted(limit.limit()));
                });
    }

    @Test
    void acceptsACharacterClassWithAnUnclosedPosixBracket() {
        // Found by ConfigValidationProperties: the repetition scan stepped past the end of "[[:a]".
        assertThat(validate(rule().setRegexes(List.of("[[:aaaa]", "x[[:a]{2}")))).isEmpty();
    }

    @Test
    void acceptsNestedRepetitionUpToRe2sLimitOfOneThousand() {
        assertThat(validate(rule().setRegexes(List.of("(a{10}){100}", "((ab){10}c){10}[x{}]{10}")))).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"(a{10}){101}", "((a{100}){100}){100}", "(?:x(a{2,1000})y){2,}", "(\\d{500}){3}"})
    void rejectsNestedRepetitionPastOneThousand(String regex) {
        assertThat(validate(rule().setRegexes(List.of(regex))))
                .containsExactly(new ConfigProblem("regexes[0]",
                        "nested repetition counts multiply to more than 1,000, the limit is 1,000"));
    }

    @Test
    void acceptsTheCreatorsLastRuleWithinQuotaAndRejectsOneMore() {
        ModerationRule rule = rule().build();

        assertThat(validator.validate(keyOf(rule), rule, null, 999)).isEmpty();
        assertThat(validator.validate(keyOf(rule), rule, null, 1_000))
                .singleElement()
                .satisfies(problem -> {
                    assertThat(problem.field()).isEqualTo("creatorId");
                    assertThat(problem.reason()).contains("creator-1", "the limit is 1,000 rules per creator");
                });
    }

    @Test
    void appliesConfiguredLimitsRatherThanDefaults() {
        RuleValidator strict = new RuleValidator(new RuleLimits(2, 5, 1, 10, 1, 1, 1, 1, 1, 1));
        ModerationRule rule = rule().setKeywords(List.of(keyword("abc"), keyword("def"), keyword("ghi"))).build();

        assertThat(strict.validate(keyOf(rule), rule, null, 0))
                .containsExactly(new ConfigProblem("keywords", "3 keywords, the limit is 2"));
    }

    // ---- identity and versions ----

    @Test
    void acceptsTheValidTestRule() {
        assertThat(validate(rule())).isEmpty();
    }

    @Test
    void rejectsAKeyThatDoesNotMatchTenantAndRuleId() {
        assertThat(validator.validate("acme/other", rule().build(), null, 0))
                .singleElement()
                .satisfies(problem -> {
                    assertThat(problem.field()).isEqualTo("key");
                    assertThat(problem.reason()).contains("'acme/other'", "'acme/r1'");
                });
    }

    @ParameterizedTest
    @ValueSource(strings = {"tenantId", "ruleId"})
    void rejectsSlashInKeyParts(String field) {
        ModerationRule.Builder rule = field.equals("tenantId") ? rule().setTenantId("a/b") : rule().setRuleId("a/b");

        assertThat(validate(rule)).singleElement()
                .satisfies(problem -> {
                    assertThat(problem.field()).isEqualTo(field);
                    assertThat(problem.reason()).contains("'/'");
                });
    }

    @Test
    void rejectsBlankIdsAndName() {
        ModerationRule rule = rule().setTenantId(" ").setRuleId("").setName("\t").setCreatorId("  ").build();

        assertThat(validator.validate(" /", rule, null, 0))
                .extracting(ConfigProblem::field)
                .containsExactlyInAnyOrder("tenantId", "ruleId", "creatorId", "name");
    }

    @Test
    void rejectsControlCharactersInIds() {
        assertThat(validate(rule().setCreatorId("creator\u0000")))
                .containsExactly(new ConfigProblem("creatorId", "must not contain control characters"));
    }

    @ParameterizedTest
    @ValueSource(longs = {2, 3})
    void rejectsAReplayedOlderOrEqualVersionNamingTheVersionInForce(long replayed) {
        ModerationRule current = rule().setVersion(3).build();
        ModerationRule candidate = rule().setVersion(replayed).build();

        assertThat(validator.validate(keyOf(candidate), candidate, current, 0))
                .singleElement()
                .satisfies(problem -> {
                    assertThat(problem.field()).isEqualTo("version");
                    assertThat(problem.reason()).contains("version 3 is in force");
                });
    }

    @Test
    void acceptsANewerVersion() {
        ModerationRule current = rule().setVersion(3).build();
        ModerationRule candidate = rule().setVersion(4).build();

        assertThat(validator.validate(keyOf(candidate), candidate, current, 0)).isEmpty();
    }

    @Test
    void rejectsVersionsBelowOne() {
        assertThat(validate(rule().setVersion(0))).extracting(ConfigProblem::field).containsExactly("version");
    }

    // ---- keywords, allow words, regexes ----

    @Test
    void rejectsBlankKeywordsAndAllowWords() {
        assertThat(validate(rule().setKeywords(List.of(keyword("spam"), keyword(" \u3000 ")))
                        .setAllowWords(List.of(""))))
                .containsExactlyInAnyOrder(
                        new ConfigProblem("keywords[1].text", "must not be blank"),
                        new ConfigProblem("allowWords[0]", "must not be blank"));
    }

    @Test
    void reportsKeywordsRepeatedIgnoringCaseAndSurroundingSpace() {
        List<Keyword> keywords = List.of(keyword("Spam"), keyword("scam"), keyword(" SPAM "));

        assertThat(validate(rule().setKeywords(keywords)))
                .containsExactly(new ConfigProblem("keywords[2].text",
                        "'SPAM' repeats keywords[0] (keywords ignore case)"));
    }

    @Test
    void reportsRe2sMessageForAnInvalidRegex() {
        assertThat(validate(rule().setRegexes(List.of("fine", "(abc"))))
                .singleElement()
                .satisfies(problem -> {
                    assertThat(problem.field()).isEqualTo("regexes[1]");
                    assertThat(problem.reason()).contains("missing closing )");
                });
    }

    @Test
    void rejectsRegexesRe2DoesNotSupport() {
        assertThat(validate(rule().setRegexes(List.of("(a)\\1"))))
                .extracting(ConfigProblem::field).containsExactly("regexes[0]");
    }

    @Test
    void rejectsABlankRegexThatWouldMatchEverything() {
        assertThat(validate(rule().setRegexes(List.of(""))))
                .extracting(ConfigProblem::field).containsExactly("regexes[0]");
    }

    // ---- link and mini-program whitelists ----

    @ParameterizedTest
    @ValueSource(strings = {"example.com", "shop.example.com", "例子.中国", "bücher.de", "EXAMPLE.COM",
            "https://example.com", "https://example.com/promo/", "http://shop.example.com:8080/a?b=c",
            "HTTPS://例子.中国/路径"})
    void acceptsDomainsAndHttpUrlPrefixes(String entry) {
        assertThat(validate(rule().setLinkWhitelist(List.of(entry)))).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"localhost", "example.com/promo", "ftp://example.com/", "https://user@example.com/",
            "https://example.com:99999/", "https://example.com:0/", "https:///promo", "a_b.com", "*.example.com",
            "exa mple.com", "example.com.", "-example.com", "a..com", " example.com", "https://example.com/a b",
            ""})
    void rejectsEntriesThatAreNeitherDomainNorHttpUrlPrefix(String entry) {
        assertThat(validate(rule().setLinkWhitelist(List.of(entry))))
                .extracting(ConfigProblem::field).containsExactly("linkWhitelist[0]");
    }

    @Test
    void explainsHowToWriteAPrefixWithAPath() {
        assertThat(validate(rule().setLinkWhitelist(List.of("example.com/promo"))))
                .extracting(ConfigProblem::reason).singleElement().asString()
                .contains("'https://example.com/promo'");
    }

    @Test
    void rejectsBlankMiniProgramIds() {
        assertThat(validate(rule().setMiniProgramWhitelist(List.of("wx123", " "))))
                .containsExactly(new ConfigProblem("miniProgramWhitelist[1]", "must not be blank"));
    }

    // ---- scope and exemptions ----

    @Test
    void rejectsARuleThatAppliesNowhere() {
        assertThat(validate(rule().setAllGroups(false).setGroupIds(List.of())))
                .singleElement()
                .satisfies(problem -> {
                    assertThat(problem.field()).isEqualTo("groupIds");
                    assertThat(problem.reason()).contains("apply nowhere");
                });
    }

    @Test
    void acceptsListedGroupsAndIgnoresGroupIdsWhenAllGroupsIsSet() {
        assertThat(validate(rule().setAllGroups(false).setGroupIds(List.of("g1", "g2")))).isEmpty();
        assertThat(validate(rule().setAllGroups(true).setGroupIds(List.of("")))).isEmpty();
    }

    @Test
    void rejectsBlankGroupAndMemberIds() {
        assertThat(validate(rule().setAllGroups(false).setGroupIds(List.of("g1", ""))
                        .setExemptMembers(List.of(" "))))
                .extracting(ConfigProblem::field)
                .containsExactlyInAnyOrder("groupIds[1]", "exemptMembers[0]");
    }

    // ---- sender restrictions, frequency limits, penalty ----

    @Test
    void rejectsARestrictionThatForbidsNothing() {
        SenderRestriction noForbid = new SenderRestriction(List.of(SenderKind.CUSTOMER), List.of(), null);

        assertThat(validate(rule().setSenderRestrictions(List.of(restriction(List.of()), noForbid))))
                .extracting(ConfigProblem::field).containsExactly("senderRestrictions[1].forbid");
    }

    @Test
    void rejectsBlankRoles() {
        assertThat(validate(rule().setSenderRestrictions(List.of(restriction(List.of("admin", ""))))))
                .extracting(ConfigProblem::field).containsExactly("senderRestrictions[0].roles[1]");
    }

    @Test
    void acceptsTheSmallestLimitsAndMute() {
        assertThat(validate(rule()
                .setRateLimit(new RateLimit(1, 1))
                .setDuplicateLimit(new DuplicateLimit(1, 1))
                .setFloodLimit(new FloodLimit(2, 1))
                .setPenalty(new Penalty(PenaltyAction.MUTE, 60L))))
                .isEmpty();
    }

    @Test
    void rejectsLimitsAndMuteBelowTheirMinimum() {
        assertThat(validate(rule()
                .setRateLimit(new RateLimit(0, 0))
                .setDuplicateLimit(new DuplicateLimit(0, -5))
                .setFloodLimit(new FloodLimit(1, 0))
                .setPenalty(new Penalty(PenaltyAction.MUTE, 59L))))
                .containsExactlyInAnyOrder(
                        new ConfigProblem("rateLimit.maxMessages", "is 0, the minimum is 1"),
                        new ConfigProblem("rateLimit.windowSeconds", "is 0 seconds, the minimum is 1 second"),
                        new ConfigProblem("duplicateLimit.maxCopies", "is 0, the minimum is 1"),
                        new ConfigProblem("duplicateLimit.windowSeconds", "is -5 seconds, the minimum is 1 second"),
                        new ConfigProblem("floodLimit.distinctMembers", "is 1, the minimum is 2"),
                        new ConfigProblem("floodLimit.windowSeconds", "is 0 seconds, the minimum is 1 second"),
                        new ConfigProblem("penalty.muteSeconds",
                                "is 59 seconds, the minimum is 60 seconds (leave it empty for a permanent mute)"));
    }

    @Test
    void acceptsPermanentMutesAndPenaltiesWithoutLength() {
        assertThat(validate(rule().setPenalty(new Penalty(PenaltyAction.MUTE, null)))).isEmpty();
        assertThat(validate(rule().setPenalty(new Penalty(PenaltyAction.KICK, null)))).isEmpty();
    }

    @Test
    void rejectsAMuteLengthOnAnotherPenalty() {
        assertThat(validate(rule().setPenalty(new Penalty(PenaltyAction.WARN, 3_600L))))
                .containsExactly(new ConfigProblem("penalty.muteSeconds", "only MUTE takes a mute length, WARN does not"));
    }

    @Test
    void rejectsABlankMemberReason() {
        assertThat(validate(rule().setMemberReason(" ")))
                .containsExactly(new ConfigProblem("memberReason", "must not be blank"));
    }

    // ---- a rule must check something ----

    @Test
    void rejectsARuleThatChecksNothing() {
        assertThat(validate(rule().setKeywords(List.of()).setAllowWords(List.of("classic"))))
                .singleElement()
                .satisfies(problem -> {
                    assertThat(problem.field()).isEqualTo("rule");
                    assertThat(problem.reason()).startsWith("rule checks nothing");
                });
    }

    static Stream<Arguments> singleChecks() {
        return Stream.of(
                check("a regex", r -> r.setRegexes(List.of("sp[a4]m"))),
                check("an empty link whitelist (every link violates)", r -> r.setLinkWhitelist(List.of())),
                check("a mini-program whitelist", r -> r.setMiniProgramWhitelist(List.of("wx1"))),
                check("a sender restriction", r -> r.setSenderRestrictions(List.of(restriction(List.of())))),
                check("a rate limit", r -> r.setRateLimit(new RateLimit(5, 60))),
                check("a duplicate limit", r -> r.setDuplicateLimit(new DuplicateLimit(1, 60))),
                check("a flood limit", r -> r.setFloodLimit(new FloodLimit(3, 60))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("singleChecks")
    void acceptsARuleWithASingleCheckOtherThanKeywords(UnaryOperator<ModerationRule.Builder> check) {
        assertThat(validate(check.apply(rule().setKeywords(List.of())))).isEmpty();
    }

    // ---- reporting ----

    @Test
    void reportsEveryProblemTogether() {
        ModerationRule current = rule().setVersion(5).build();
        ModerationRule candidate = rule()
                .setVersion(5)
                .setName("")
                .setKeywords(strings("kw", 101).stream().map(TestRules::keyword).toList())
                .setRegexes(List.of("[unclosed"))
                .setLinkWhitelist(List.of("localhost"))
                .build();

        assertThat(validator.validate(keyOf(candidate), candidate, current, 1_000))
                .extracting(ConfigProblem::field)
                .containsExactlyInAnyOrder("version", "name", "keywords", "regexes[0]", "linkWhitelist[0]",
                        "creatorId");
    }

    @Test
    void listsFiftyProblemsAndCountsTheRest() {
        List<ConfigProblem> problems = validate(rule().setAllGroups(false).setGroupIds(Collections.nCopies(80, "")));

        assertThat(problems).hasSize(51);
        assertThat(problems.get(49)).isEqualTo(new ConfigProblem("groupIds[49]", "must not be blank"));
        assertThat(problems.get(50)).isEqualTo(new ConfigProblem("*", "and 30 more problems not listed"));
    }

    @Test
    void reportsMissingFieldsOfAHandBuiltRecordInsteadOfThrowing() {
        assertThat(validator.validate("x/y", new ModerationRule(), null, 0))
                .extracting(ConfigProblem::field)
                .contains("tenantId", "ruleId", "name", "creatorId", "key", "version", "groupIds", "rule");
    }

    // ---- helpers ----

    private List<ConfigProblem> validate(ModerationRule.Builder rule) {
        ModerationRule built = rule.build();
        return validator.validate(keyOf(built), built, null, 0);
    }

    private static ModerationRule.Builder rule() {
        return validRule("acme", "r1");
    }

    private static Arguments limit(String name, int limit, String field, IntFunction<ModerationRule.Builder> rule) {
        return Arguments.of(Named.of(name, new Limit(limit, field, rule)));
    }

    private static Arguments check(String name, UnaryOperator<ModerationRule.Builder> check) {
        return Arguments.of(Named.of(name, check));
    }

    private static List<String> strings(String prefix, int count) {
        return IntStream.range(0, count).mapToObj(i -> prefix + i).toList();
    }

    private static String padded(String prefix, int length) {
        return prefix + "a".repeat(length - prefix.length());
    }

    private static SenderRestriction restriction(List<String> roles) {
        return new SenderRestriction(List.of(SenderKind.CUSTOMER), roles, RestrictedContent.LINKS);
    }

    private static String formatted(long value) {
        return String.format(Locale.ROOT, "%,d", value);
    }
}
