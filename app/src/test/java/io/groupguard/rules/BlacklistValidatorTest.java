package io.groupguard.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import io.groupguard.avro.BlacklistEntry;
import io.groupguard.avro.BlacklistScope;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class BlacklistValidatorTest {
    private static final Instant ADDED = Instant.parse("2025-03-01T10:00:00Z");

    private final BlacklistValidator validator = new BlacklistValidator(BlacklistLimits.defaults());

    // ---- keys ----

    @Test
    void formatsAndParsesAnEnterpriseKey() {
        BlacklistKey key = BlacklistKey.enterprise("acme", "m1");

        assertThat(key.format()).isEqualTo("acme/E/m1");
        assertThat(BlacklistValidator.parseKey("acme/E/m1")).contains(key);
    }

    @Test
    void formatsAndParsesAPersonalKey() {
        BlacklistKey key = BlacklistKey.personal("acme", "staff-7", "m1");

        assertThat(key.format()).isEqualTo("acme/P/staff-7/m1");
        assertThat(BlacklistValidator.parseKey(key.format())).contains(key);
        assertThat(BlacklistValidator.keyProblems(key.format())).isEmpty();
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"acme", "acme/E", "acme/E/", "/E/m1", "acme/X/m1", "acme/e/m1", "acme/E/m1/extra",
            "acme/E/o/m1", "acme/P/m1", "acme/P//m1", "acme/P/o/", "acme/P/o/m1/x", "acme//m1"})
    void rejectsMalformedKeys(String key) {
        assertThat(BlacklistValidator.parseKey(key)).isEmpty();
        assertThat(BlacklistValidator.keyProblems(key))
                .singleElement()
                .satisfies(problem -> {
                    assertThat(problem.field()).isEqualTo("key");
                    assertThat(problem.reason()).contains("'<tenantId>/P/<ownerId>/<memberId>'");
                });
    }

    @Test
    void keysRefuseInconsistentParts() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new BlacklistKey("acme", BlacklistScope.ENTERPRISE, "staff-7", "m1"));
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new BlacklistKey("acme", BlacklistScope.PERSONAL, null, "m1"));
        assertThatIllegalArgumentException().isThrownBy(() -> BlacklistKey.enterprise("acme", "m/1"));
    }

    @Test
    void derivesTheKeyOfAnEntry() {
        assertThat(BlacklistKey.of(personal("acme", "staff-7", "m1").build()))
                .isEqualTo(BlacklistKey.personal("acme", "staff-7", "m1"));
    }

    // ---- entries ----

    @Test
    void acceptsValidEntries() {
        assertThat(validate("acme/E/m1", enterprise("acme", "m1"), 0)).isEmpty();
        assertThat(validate("acme/P/staff-7/m1", personal("acme", "staff-7", "m1")
                .setExpiresAt(ADDED.plusSeconds(1)).setReason("spam").setAddedBy("admin"), 0)).isEmpty();
    }

    @Test
    void rejectsAMalformedKeyOfAnEntry() {
        assertThat(validate("acme/m1", enterprise("acme", "m1"), 0))
                .extracting(ConfigProblem::field).containsExactly("key");
    }

    @Test
    void reportsEveryPartWhereKeyAndValueDisagree() {
        assertThat(validate("acme/P/staff-7/m1", personal("other", "staff-8", "m2"), 0))
                .containsExactlyInAnyOrder(
                        new ConfigProblem("tenantId", "the key says 'acme' but the value says 'other'"),
                        new ConfigProblem("ownerId", "the key says 'staff-7' but the value says 'staff-8'"),
                        new ConfigProblem("memberId", "the key says 'm1' but the value says 'm2'"));
    }

    @Test
    void rejectsAScopeThatDisagreesWithTheKey() {
        assertThat(validate("acme/E/m1", personal("acme", "staff-7", "m1"), 0))
                .containsExactly(new ConfigProblem("scope", "the key says 'ENTERPRISE' but the value says 'PERSONAL'"));
    }

    @Test
    void requiresAnOwnerForPersonalEntries() {
        assertThat(validate("acme/P/staff-7/m1", personal("acme", null, "m1"), 0))
                .extracting(ConfigProblem::field).containsExactlyInAnyOrder("ownerId", "ownerId");
    }

    @Test
    void refusesAnOwnerOnEnterpriseEntries() {
        assertThat(validate("acme/E/m1", enterprise("acme", "m1").setOwnerId("staff-7"), 0))
                .extracting(ConfigProblem::field).containsExactlyInAnyOrder("ownerId", "ownerId");
    }

    @ParameterizedTest
    @ValueSource(longs = {0, -60})
    void rejectsAnExpiryNotAfterTheAddition(long secondsAfterAdded) {
        assertThat(validate("acme/E/m1", enterprise("acme", "m1").setExpiresAt(ADDED.plusSeconds(secondsAfterAdded)), 0))
                .singleElement()
                .satisfies(problem -> {
                    assertThat(problem.field()).isEqualTo("expiresAt");
                    assertThat(problem.reason()).contains("not after addedAt " + ADDED);
                });
    }

    @Test
    void rejectsControlCharactersAndBlankIds() {
        assertThat(validate("acme/E/m\u00071", enterprise("acme", "m\u00071").setAddedBy(" "), 0))
                .containsExactlyInAnyOrder(
                        new ConfigProblem("memberId", "must not contain control characters"),
                        new ConfigProblem("addedBy", "must not be blank"));
    }

    @Test
    void acceptsIdsAndReasonsAtTheirLimitAndRejectsThemPastIt() {
        String member128 = "m".repeat(128);
        assertThat(validate("acme/E/" + member128, enterprise("acme", member128)
                .setAddedBy("a".repeat(128)).setReason("r".repeat(500)), 0)).isEmpty();

        String member129 = "m".repeat(129);
        assertThat(validate("acme/E/" + member129, enterprise("acme", member129)
                .setAddedBy("a".repeat(129)).setReason("r".repeat(501)), 0))
                .containsExactlyInAnyOrder(
                        new ConfigProblem("memberId", "is 129 characters long, the limit is 128"),
                        new ConfigProblem("addedBy", "is 129 characters long, the limit is 128"),
                        new ConfigProblem("reason", "is 501 characters long, the limit is 500"));
    }

    // ---- quotas ----

    @Test
    void acceptsTheLastEnterpriseEntryWithinQuotaAndRejectsOneMore() {
        assertThat(validate("acme/E/m1", enterprise("acme", "m1"), 1_999_999)).isEmpty();
        assertThat(validate("acme/E/m1", enterprise("acme", "m1"), 2_000_000))
                .containsExactly(new ConfigProblem("scope",
                        "the enterprise blacklist of tenant 'acme' already holds 2,000,000 entries, "
                                + "the limit is 2,000,000"));
    }

    @Test
    void acceptsTheLastPersonalEntryWithinQuotaAndRejectsOneMore() {
        assertThat(validate("acme/P/staff-7/m1", personal("acme", "staff-7", "m1"), 49_999)).isEmpty();
        assertThat(validate("acme/P/staff-7/m1", personal("acme", "staff-7", "m1"), 50_000))
                .containsExactly(new ConfigProblem("scope",
                        "the personal blacklist of 'staff-7' in tenant 'acme' already holds 50,000 entries, "
                                + "the limit is 50,000"));
    }

    @Test
    void appliesConfiguredLimits() {
        BlacklistValidator small = new BlacklistValidator(new BlacklistLimits(3, 2));

        assertThat(small.validate("acme/E/m1", enterprise("acme", "m1").build(), 2)).isEmpty();
        assertThat(small.validate("acme/E/m1", enterprise("acme", "m1").build(), 3))
                .extracting(ConfigProblem::reason).singleElement().asString().endsWith("the limit is 3");
        assertThat(small.validate("acme/P/o/m1", personal("acme", "o", "m1").build(), 2))
                .extracting(ConfigProblem::reason).singleElement().asString().endsWith("the limit is 2");
    }

    @Test
    void refusesLimitsBelowOne() {
        assertThatIllegalArgumentException().isThrownBy(() -> new BlacklistLimits(0, 10));
    }

    @Test
    void reportsEveryProblemTogether() {
        BlacklistEntry entry = personal("acme", "staff-7", " ").setExpiresAt(ADDED).build();

        assertThat(validator.validate("acme/P/staff-8/m1", entry, 50_000))
                .extracting(ConfigProblem::field)
                .containsExactlyInAnyOrder("memberId", "expiresAt", "ownerId", "memberId", "scope");
    }

    // ---- helpers ----

    private List<ConfigProblem> validate(String key, BlacklistEntry.Builder entry, long entriesInScope) {
        return validator.validate(key, entry.build(), entriesInScope);
    }

    private static BlacklistEntry.Builder enterprise(String tenant, String member) {
        return BlacklistEntry.newBuilder()
                .setTenantId(tenant)
                .setScope(BlacklistScope.ENTERPRISE)
                .setMemberId(member)
                .setAddedAt(ADDED);
    }

    private static BlacklistEntry.Builder personal(String tenant, String owner, String member) {
        return enterprise(tenant, member).setScope(BlacklistScope.PERSONAL).setOwnerId(owner);
    }
}
