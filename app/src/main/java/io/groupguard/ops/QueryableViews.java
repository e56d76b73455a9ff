package io.groupguard.ops;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.groupguard.avro.Violation;
import io.groupguard.serde.AvroJson;
import io.groupguard.topology.GroupGuardTopology;
import io.groupguard.topology.RecentViolationsLog;
import java.util.List;
import java.util.Map;

/** The partitioned stores GroupGuard serves over HTTP, each routed to the instance that owns the key. */
final class QueryableViews {

  private QueryableViews() {
  }

  /**
   * Every view. Extension point: per-member enforcement state (strikes, mutes) becomes
   * {@code GET /members/{tenant}/{member}} by adding
   * {@code QueryableView.ofValue("/members/", "", <its store name constant>, <renderer>)} here once
   * the enforcement sub-topology keeps it in a key-value store keyed '<tenantId>/<memberId>'.
   */
  static List<QueryableView<?, ?>> all() {
    return List.of(new QueryableView<Violation, List<Violation>>("/groups/", "/violations",
        GroupGuardTopology.RECENT_VIOLATIONS_STORE,
        (store, groupKey) -> RecentViolationsLog.newestFirst(store, groupKey, GroupGuardTopology.RECENT_VIOLATIONS_PER_GROUP),
        QueryableViews::recentViolations));
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
