package io.groupguard.rules;

import static io.groupguard.rules.ConfigProblems.number;

import io.groupguard.avro.BlacklistEntry;
import io.groupguard.avro.BlacklistScope;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Decides whether a blacklist entry may be put in force. Pure: the caller counts the entries already in force in
 * the entry's scope and publishes the problems as rejections.
 */
public final class BlacklistValidator {
    /** Reasons are notes for operators, not documents. */
    static final int MAX_REASON_LENGTH = 500;

    private static final String KEY_FORMATS = "'<tenantId>/E/<memberId>' or '<tenantId>/P/<ownerId>/<memberId>'";

    private final BlacklistLimits limits;

    public BlacklistValidator(BlacklistLimits limits) {
        this.limits = Objects.requireNonNull(limits, "limits");
    }

    /**
     * Problems with the entry; an empty list means it is valid. Every problem found is reported, not only the first;
     * past 50, a last problem with field {@code "*"} counts the unlisted ones.
     *
     * @param key            {@code <tenantId>/E/<memberId>} or {@code <tenantId>/P/<ownerId>/<memberId>}, agreeing
     *                       with the entry
     * @param entry          the entry (not a tombstone; check a tombstone's key with {@link #keyProblems})
     * @param entriesInScope entries already in force in the entry's scope, not counting this key: the tenant's for
     *                       an enterprise entry, the owner's for a personal one
     */
    public List<ConfigProblem> validate(String key, BlacklistEntry entry, long entriesInScope) {
        Objects.requireNonNull(entry, "entry: tombstones delete and need only a well-formed key");
        ConfigProblems problems = new ConfigProblems();
        Optional<BlacklistKey> parsed = parse(key, problems);
        checkFields(entry, problems);
        parsed.ifPresent(k -> checkAgreement(k, entry, problems));
        checkQuota(entry, entriesInScope, problems);
        return problems.toList();
    }

    /** Parses a key, e.g. a tombstone's; empty when it is malformed ({@link #keyProblems} says why). */
    public static Optional<BlacklistKey> parseKey(String key) {
        return parse(key, new ConfigProblems());
    }

    /** Why a key is malformed; empty when {@link #parseKey} accepts it. */
    public static List<ConfigProblem> keyProblems(String key) {
        ConfigProblems problems = new ConfigProblems();
        parse(key, problems);
        return problems.toList();
    }

    private static Optional<BlacklistKey> parse(String key, ConfigProblems problems) {
        if (key == null) {
            problems.add("key", "is missing, expected " + KEY_FORMATS);
            return Optional.empty();
        }
        String[] parts = key.split("/", -1);
        try {
            if (parts.length == 3 && parts[1].equals(BlacklistKey.ENTERPRISE_MARKER)) {
                return Optional.of(BlacklistKey.enterprise(parts[0], parts[2]));
            }
            if (parts.length == 4 && parts[1].equals(BlacklistKey.PERSONAL_MARKER)) {
                return Optional.of(BlacklistKey.personal(parts[0], parts[2], parts[3]));
            }
            problems.add("key", "'" + key + "' is malformed, expected " + KEY_FORMATS);
        } catch (IllegalArgumentException e) {
            problems.add("key", "'" + key + "' is malformed (" + e.getMessage() + "), expected " + KEY_FORMATS);
        }
        return Optional.empty();
    }

    private static void checkFields(BlacklistEntry entry, ConfigProblems problems) {
        problems.checkKeyPart("tenantId", entry.getTenantId());
        problems.checkKeyPart("memberId", entry.getMemberId());
        if (entry.getScope() == null) {
            problems.add("scope", "must be ENTERPRISE or PERSONAL");
        } else if (entry.getScope() == BlacklistScope.PERSONAL) {
            if (entry.getOwnerId() == null) {
                problems.add("ownerId", "is required for a PERSONAL entry: it names whose groups it covers");
            } else {
                problems.checkKeyPart("ownerId", entry.getOwnerId());
            }
        } else if (entry.getOwnerId() != null) {
            problems.add("ownerId", "must be empty for an ENTERPRISE entry, which covers every group of the tenant");
        }
        if (entry.getAddedBy() != null) {
            problems.checkId("addedBy", entry.getAddedBy());
        }
        if (entry.getReason() != null) {
            problems.checkText("reason", entry.getReason(), MAX_REASON_LENGTH);
        }
        if (entry.getAddedAt() == null) {
            problems.add("addedAt", "is required");
        } else if (entry.getExpiresAt() != null && !entry.getExpiresAt().isAfter(entry.getAddedAt())) {
            problems.add("expiresAt", "is " + entry.getExpiresAt() + ", which is not after addedAt "
                    + entry.getAddedAt() + "; the entry would never apply");
        }
    }

    private static void checkAgreement(BlacklistKey key, BlacklistEntry entry, ConfigProblems problems) {
        checkAgrees("tenantId", key.tenantId(), entry.getTenantId(), problems);
        checkAgrees("scope", key.scope(), entry.getScope(), problems);
        if (key.scope() == entry.getScope()) {
            checkAgrees("ownerId", key.ownerId(), entry.getOwnerId(), problems);
        }
        checkAgrees("memberId", key.memberId(), entry.getMemberId(), problems);
    }

    private static void checkAgrees(String field, Object inKey, Object inValue, ConfigProblems problems) {
        if (!Objects.equals(inKey, inValue)) {
            problems.add(field, "the key says '" + inKey + "' but the value says '" + inValue + "'");
        }
    }

    private void checkQuota(BlacklistEntry entry, long entriesInScope, ConfigProblems problems) {
        if (entry.getScope() == BlacklistScope.ENTERPRISE && entriesInScope >= limits.maxEnterprisePerTenant()) {
            problems.add("scope", "the enterprise blacklist of tenant '" + entry.getTenantId() + "' already holds "
                    + number(entriesInScope) + " entries, the limit is " + number(limits.maxEnterprisePerTenant()));
        } else if (entry.getScope() == BlacklistScope.PERSONAL && entriesInScope >= limits.maxPersonalPerOwner()) {
            problems.add("scope", "the personal blacklist of '" + entry.getOwnerId() + "' in tenant '"
                    + entry.getTenantId() + "' already holds " + number(entriesInScope)
                    + " entries, the limit is " + number(limits.maxPersonalPerOwner()));
        }
    }
}
