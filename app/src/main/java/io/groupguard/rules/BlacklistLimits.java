package io.groupguard.rules;

/**
 * How many members a blacklist may hold.
 *
 * @param maxEnterprisePerTenant entries in a tenant's enterprise blacklist
 * @param maxPersonalPerOwner    entries in one staff member's personal blacklist
 */
public record BlacklistLimits(int maxEnterprisePerTenant, int maxPersonalPerOwner) {
    public BlacklistLimits {
        if (maxEnterprisePerTenant < 1 || maxPersonalPerOwner < 1) {
            throw new IllegalArgumentException("blacklist limits must be at least 1, got enterprise "
                    + maxEnterprisePerTenant + " and personal " + maxPersonalPerOwner);
        }
    }

    /** The product's figures: 2,000,000 enterprise entries per tenant, 50,000 personal entries per owner. */
    public static BlacklistLimits defaults() {
        return new BlacklistLimits(2_000_000, 50_000);
    }
}
