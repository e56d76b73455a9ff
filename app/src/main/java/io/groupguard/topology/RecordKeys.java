package io.groupguard.topology;

/**
 * Record keys of GroupGuard's topics. A tenant id never contains '/', so the tenant is
 * always the text before the first '/'; partitioners rely on that to co-locate a tenant.
 */
public final class RecordKeys {

  public static final char SEPARATOR = '/';

  private RecordKeys() {
  }

  /** Key of chat messages and member events: '<tenantId>/<groupId>'. */
  public static String group(String tenantId, String groupId) {
    return tenantId + SEPARATOR + groupId;
  }

  /** Key of rules: '<tenantId>/<ruleId>'. */
  public static String rule(String tenantId, String ruleId) {
    return tenantId + SEPARATOR + ruleId;
  }

  /** Key of everything partitioned by member (enforcement, actions, admin commands): '<tenantId>/<memberId>'. */
  public static String member(String tenantId, String memberId) {
    return tenantId + SEPARATOR + memberId;
  }

  /** Key of member restrictions: '<tenantId>/<groupId>/<memberId>'. */
  public static String memberInGroup(String tenantId, String groupId, String memberId) {
    return tenantId + SEPARATOR + groupId + SEPARATOR + memberId;
  }

  /** Prefix of every key of one tenant, for prefix scans. */
  public static String tenantPrefix(String tenantId) {
    return tenantId + SEPARATOR;
  }

  /** The tenant part of any GroupGuard key, or the whole key when it has no separator. */
  public static String tenantOf(String key) {
    int separator = key.indexOf(SEPARATOR);
    return separator < 0 ? key : key.substring(0, separator);
  }
}
