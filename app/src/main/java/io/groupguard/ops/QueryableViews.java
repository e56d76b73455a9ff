package io.groupguard.ops;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.groupguard.avro.RecentViolations;
import io.groupguard.avro.Violation;
import io.groupguard.serde.AvroJson;
import io.groupguard.topology.GroupGuardTopology;
import java.util.List;
import java.util.Map;

/** The partitioned stores GroupGuard serves over HTTP, each routed to the instance that owns the key. */
final class QueryableViews {

  private QueryableViews() {
  }

  /**
   * Every view. Extension point: per-member enforcement state (strikes, mutes) becomes
   * {@code GET /members/{tenant}/{member}} by adding
   * {@code new QueryableView<>("/members/", "", <its store name constant>, <renderer>)} here once
   * the enforcement sub-topology keeps it in a key-value store keyed '<tenantId>/<memberId>'.
   */
  static List<QueryableView<?>> all() {
    return List.of(new QueryableView<RecentViolations>("/groups/", "/violations",
        GroupGuardTopology.RECENT_VIOLATIONS_STORE, QueryableViews::recentViolations));
  }

  /** Newest first, at most {@code ?limit=N} (default and maximum {@value GroupGuardTopology#RECENT_VIOLATIONS_PER_GROUP}). */
  static JsonNode recentViolations(RecentViolations recent, Map<String, String> query) {
    int limit = limit(query.get("limit"));
    List<Violation> violations = recent == null ? List.of() : recent.getViolations();
    ObjectNode body = JsonResponses.JSON.createObjectNode();
    ArrayNode newestFirst = body.putArray("violations");
    for (int i = violations.size() - 1; i >= 0 && newestFirst.size() < limit; i--) {
      newestFirst.add(AvroJson.toJson(violations.get(i)));
    }
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
