package io.groupguard.ops;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.groupguard.avro.MemberRestriction;
import io.groupguard.avro.MemberStanding;
import io.groupguard.avro.Violation;
import io.groupguard.enforcement.MemberStandings;
import io.groupguard.serde.AvroJson;
import io.groupguard.topology.GroupGuardTopology;
import io.groupguard.topology.RecentViolationsLog;
import java.util.List;
import java.util.Map;

/** The partitioned stores GroupGuard serves over HTTP, each routed to the instance that owns the key. */
final class QueryableViews {

  private QueryableViews() {
  }

  /** Every view: a group's recent violations, a member's strikes, and a member's restrictions. */
  static List<QueryableView<?, ?>> all() {
    return List.of(
        new QueryableView<Violation, List<Violation>>("/groups/", "/violations",
            GroupGuardTopology.RECENT_VIOLATIONS_STORE,
            (store, groupKey) -> RecentViolationsLog.newestFirst(store, groupKey, GroupGuardTopology.RECENT_VIOLATIONS_PER_GROUP),
            QueryableViews::recentViolations),
        QueryableView.ofValue("/members/", "", GroupGuardTopology.MEMBER_STANDING_STORE, QueryableViews::memberStanding),
        new QueryableView<MemberRestriction, List<MemberRestriction>>("/members/", "/restrictions",
            GroupGuardTopology.MEMBER_GROUP_RESTRICTION_STORE, MemberStandings::restrictionsOf,
            QueryableViews::memberRestrictions));
  }

  /** A member's strikes not yet decayed; none for a member never judged. */
  static JsonNode memberStanding(MemberStanding standing, Map<String, String> query) {
    return AvroJson.toJson(standing == null ? MemberStanding.newBuilder().build() : standing);
  }

  /** A member's restrictions (mutes, kicks), one per group. */
  static JsonNode memberRestrictions(List<MemberRestriction> restrictions, Map<String, String> query) {
    ObjectNode body = JsonResponses.JSON.createObjectNode();
    ArrayNode list = body.putArray("restrictions");
    restrictions.forEach(restriction -> list.add(AvroJson.toJson(restriction)));
    return body;
  }

  /**
   * The group's latest violations, given newest first, at most {@code ?limit=N} (default and maximum
   * {@value GroupGuardTopology#RECENT_VIOLATIONS_PER_GROUP}).
   */
  static JsonNode recentViolations(List<Violation> newestFirst, Map<String, String> query) {
    int limit = limit(query.get("limit"));
    ObjectNode body = JsonResponses.JSON.createObjectNode();
    ArrayNode violations = body.putArray("violations");
    newestFirst.stream().limit(limit).forEach(violation -> violations.add(AvroJson.toJson(violation)));
    return body;
  }

  private static int limit(String requested) {
    if (requested == null || requested.isEmpty()) {
      return GroupGuardTopology.RECENT_VIOLATIONS_PER_GROUP;
    }
    try {
      return Math.max(0, Math.min(GroupGuardTopology.RECENT_VIOLATIONS_PER_GROUP, Integer.parseInt(requested)));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("limit must be a number, got '" + requested + "'", e);
    }
  }
}
