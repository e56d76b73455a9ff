package io.groupguard.loadgen;

/**
 * The shape of a synthetic deployment: tenants, their groups and members, rules, blacklist and
 * the traffic mix. Rules and blacklist entries are spread over the tenants round-robin. Every
 * generator derives its data from this profile and the seed alone, so the same profile always
 * yields the same rules, entries and messages.
 *
 * @param seed              seed of every random choice
 * @param tenants           tenants ("tenant-0", ...)
 * @param groupsPerTenant   groups per tenant ("g-0", ...)
 * @param membersPerTenant  members per tenant ("m-0", ...); activity is Zipf-distributed
 * @param rules             rules in total
 * @param keywordsPerRule   keywords per rule
 * @param groupsPerRule     groups one rule applies to (consecutive groups, wrapping around)
 * @param blacklistEntries  enterprise blacklist entries in total ("bl-0", ...)
 * @param spamShare         share of messages that are spam (disguised keywords, foreign links, floods, blacklisted senders)
 * @param duplicateShare    share of messages that repeat a recent message of the same member
 * @param chineseShare      share of messages written in Chinese (the others in English, some mixed)
 */
public record LoadProfile(
    long seed,
    int tenants,
    int groupsPerTenant,
    int membersPerTenant,
    int rules,
    int keywordsPerRule,
    int groupsPerRule,
    long blacklistEntries,
    double spamShare,
    double duplicateShare,
    double chineseShare) {

  public LoadProfile {
    requireAtLeast("tenants", tenants, 1);
    requireAtLeast("groupsPerTenant", groupsPerTenant, 1);
    requireAtLeast("membersPerTenant", membersPerTenant, 1);
    requireAtLeast("rules", rules, 0);
    requireAtLeast("keywordsPerRule", keywordsPerRule, 1);
    requireAtLeast("groupsPerRule", groupsPerRule, 1);
    requireAtLeast("blacklistEntries", blacklistEntries, 0);
    requireShare("spamShare", spamShare);
    requireShare("duplicateShare", duplicateShare);
    requireShare("chineseShare", chineseShare);
    if (spamShare + duplicateShare > 1) {
      throw new IllegalArgumentException("spamShare + duplicateShare must not exceed 1");
    }
  }

  /** A small default: 2 tenants x 1,000 groups x 10,000 members, 20 rules x 20 keywords, 20% spam. */
  public static LoadProfile defaults(long seed) {
    return new LoadProfile(seed, 2, 1_000, 10_000, 20, 20, 200, 1_000, 0.2, 0.05, 0.5);
  }

  public String tenantId(int tenant) {
    return "tenant-" + tenant;
  }

  public static String groupId(int group) {
    return "g-" + group;
  }

  public static String memberId(int member) {
    return "m-" + member;
  }

  public static String blacklistedMemberId(long index) {
    return "bl-" + index;
  }

  /** Rules of one tenant (global rule i belongs to tenant i mod tenants). */
  public int rulesOf(int tenant) {
    return rules / tenants + (tenant < rules % tenants ? 1 : 0);
  }

  /** Blacklist entries of one tenant. */
  public long blacklistOf(int tenant) {
    return blacklistEntries / tenants + (tenant < blacklistEntries % tenants ? 1 : 0);
  }

  private static void requireAtLeast(String name, long value, long minimum) {
    if (value < minimum) {
      throw new IllegalArgumentException(name + " must be at least " + minimum + ", got " + value);
    }
  }

  private static void requireShare(String name, double share) {
    if (!(share >= 0 && share <= 1)) {
      throw new IllegalArgumentException(name + " must be between 0 and 1, got " + share);
    }
  }
}
