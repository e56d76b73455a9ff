package io.groupguard.topology;

import io.groupguard.avro.BlacklistEntry;
import io.groupguard.avro.BlacklistScope;
import io.groupguard.rules.BlacklistKey;
import java.time.Instant;
import java.util.Optional;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/** Point lookups of a member in the enterprise blacklist and the group owner's personal one. */
final class BlacklistLookup {

  private BlacklistLookup() {
  }

  /** The entry barring the member in that group at that event time, if any. */
  static Optional<BlacklistEntry> find(GlobalStoreKeys keys, ReadOnlyKeyValueStore<String, BlacklistEntry> blacklist,
      String tenantId, String groupOwnerId, String memberId, Instant eventTime) {
    BlacklistEntry enterprise =
        keys.get(blacklist, new BlacklistKey(tenantId, BlacklistScope.ENTERPRISE, null, memberId).format());
    if (applies(enterprise, eventTime)) {
      return Optional.of(enterprise);
    }
    if (groupOwnerId == null) {
      return Optional.empty();
    }
    BlacklistEntry personal =
        keys.get(blacklist, new BlacklistKey(tenantId, BlacklistScope.PERSONAL, groupOwnerId, memberId).format());
    return applies(personal, eventTime) ? Optional.of(personal) : Optional.empty();
  }

  private static boolean applies(BlacklistEntry entry, Instant eventTime) {
    return entry != null && (entry.getExpiresAt() == null || entry.getExpiresAt().isAfter(eventTime));
  }
}
