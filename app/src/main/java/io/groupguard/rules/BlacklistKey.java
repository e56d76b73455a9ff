package io.groupguard.rules;

import io.groupguard.avro.BlacklistEntry;
import io.groupguard.avro.BlacklistScope;
import java.util.Objects;

/**
 * The key of a blacklist entry: {@code <tenantId>/E/<memberId>} for the enterprise blacklist,
 * {@code <tenantId>/P/<ownerId>/<memberId>} for a staff member's personal one. Parse one with
 * {@link BlacklistValidator#parseKey(String)}.
 *
 * @param ownerId the owner of a personal entry; null for an enterprise entry
 */
public record BlacklistKey(String tenantId, BlacklistScope scope, String ownerId, String memberId) {
    static final String ENTERPRISE_MARKER = "E";
    static final String PERSONAL_MARKER = "P";

    public BlacklistKey {
        requirePart("tenantId", tenantId);
        Objects.requireNonNull(scope, "scope");
        requirePart("memberId", memberId);
        if (scope == BlacklistScope.PERSONAL) {
            requirePart("ownerId", ownerId);
        } else if (ownerId != null) {
            throw new IllegalArgumentException("an enterprise entry has no ownerId, got '" + ownerId + "'");
        }
    }

    public static BlacklistKey enterprise(String tenantId, String memberId) {
        return new BlacklistKey(tenantId, BlacklistScope.ENTERPRISE, null, memberId);
    }

    public static BlacklistKey personal(String tenantId, String ownerId, String memberId) {
        return new BlacklistKey(tenantId, BlacklistScope.PERSONAL, ownerId, memberId);
    }

    /** The key an entry belongs under; throws IllegalArgumentException when its fields cannot form one. */
    public static BlacklistKey of(BlacklistEntry entry) {
        return new BlacklistKey(entry.getTenantId(), entry.getScope(), entry.getOwnerId(), entry.getMemberId());
    }

    public String format() {
        return scope == BlacklistScope.ENTERPRISE
                ? tenantId + "/" + ENTERPRISE_MARKER + "/" + memberId
                : tenantId + "/" + PERSONAL_MARKER + "/" + ownerId + "/" + memberId;
    }

    private static void requirePart(String name, String value) {
        if (value == null || value.isEmpty()) {
            throw new IllegalArgumentException(name + " must not be empty");
        }
        if (value.indexOf('/') >= 0) {
            throw new IllegalArgumentException(name + " must not contain '/', got '" + value + "'");
        }
    }
}
