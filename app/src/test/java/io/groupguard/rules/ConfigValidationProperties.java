package io.groupguard.rules;

import static io.groupguard.rules.TestRules.keyOf;
import static io.groupguard.rules.TestRules.keyword;
import static io.groupguard.rules.TestRules.validRule;
import static org.assertj.core.api.Assertions.assertThat;

import io.groupguard.avro.ModerationRule;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.StringLength;

class ConfigValidationProperties {
    private final RuleValidator validator = new RuleValidator(RuleLimits.defaults());

    @Property
    void enterpriseKeysRoundTrip(@ForAll("keyParts") String tenant, @ForAll("keyParts") String member) {
        BlacklistKey key = BlacklistKey.enterprise(tenant, member);

        assertThat(BlacklistValidator.parseKey(key.format())).contains(key);
    }

    @Property
    void personalKeysRoundTrip(@ForAll("keyParts") String tenant, @ForAll("keyParts") String owner,
            @ForAll("keyParts") String member) {
        BlacklistKey key = BlacklistKey.personal(tenant, owner, member);

        assertThat(BlacklistValidator.parseKey(key.format())).contains(key);
    }

    /** Whatever a producer writes as a key, parsing neither throws nor accepts a key it would format otherwise. */
    @Property
    void parsingAnyStringEitherRoundTripsOrExplains(@ForAll("keyLike") String key) {
        BlacklistValidator.parseKey(key).ifPresentOrElse(
                parsed -> assertThat(parsed.format()).isEqualTo(key),
                () -> assertThat(BlacklistValidator.keyProblems(key)).extracting(ConfigProblem::field)
                        .containsExactly("key"));
    }

    /** Arbitrary text never crashes the validator; a keyword is rejected exactly when it is blank or too long. */
    @Property
    void keywordsAreRejectedExactlyWhenBlankOrTooLong(@ForAll @StringLength(max = 80) String text) {
        ModerationRule rule = validRule("acme", "r1").setKeywords(List.of(keyword(text))).build();
        String stripped = text.strip();
        boolean acceptable = !stripped.isEmpty() && stripped.codePointCount(0, stripped.length()) <= 60;

        assertThat(validator.validate(keyOf(rule), rule, null, 0).isEmpty()).isEqualTo(acceptable);
    }

    /** Arbitrary regex text yields problems or none, never an exception. */
    @Property
    void arbitraryRegexesNeverCrashTheValidator(@ForAll("regexLike") String regex) {
        ModerationRule rule = validRule("acme", "r1").setRegexes(List.of(regex)).build();

        assertThat(validator.validate(keyOf(rule), rule, null, 0))
                .allSatisfy(problem -> assertThat(problem.field()).isEqualTo("regexes[0]"));
    }

    @Provide
    Arbitrary<String> keyParts() {
        return Arbitraries.strings().ofMinLength(1).ofMaxLength(20).filter(part -> part.indexOf('/') < 0);
    }

    @Provide
    Arbitrary<String> keyLike() {
        return Arbitraries.strings().withChars("aEP/ ").ofMaxLength(12);
    }

    @Provide
    Arbitrary<String> regexLike() {
        return Arbitraries.strings().withChars("a()[]{}\\|*+?^$.,:0123456789QEpx-").ofMaxLength(40);
    }
}
