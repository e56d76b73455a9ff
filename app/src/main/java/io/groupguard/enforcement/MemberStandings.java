package io.groupguard.enforcement;

import io.groupguard.avro.MemberRestriction;
import io.groupguard.avro.MemberStanding;
import io.groupguard.topology.RecordKeys;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * The strike store (tenant/member to standing) and the restriction store (one entry per member
 * and group), shared by the verdict and the admin-command processors.
 */
public final class MemberStandings {

  private final KeyValueStore<String, MemberStanding> standings;
  private final KeyValueStore<String, MemberRestriction> restrictions;

  MemberStandings(ProcessorContext<?, ?> context, String standingStoreName, String restrictionStoreName) {
    this.standings = context.getStateStore(standingStoreName);
    this.restrictions = context.getStateStore(restrictionStoreName);
  }

  Standing load(String tenantId, String memberId) {
    return Standing.of(standings.get(RecordKeys.member(tenantId, memberId)), new Stored(tenantId, memberId));
  }

  /** Stores the standing; a clean one is deleted so that the store only holds members with a record. */
  void save(String tenantId, String memberId, Standing standing) {
    String memberKey = RecordKeys.member(tenantId, memberId);
    if (standing.isClean()) {
      standings.delete(memberKey);
    } else {
      standings.put(memberKey, standing.toRecord());
    }
  }

  /** The restrictions of member '<tenantId>/<memberId>' in every group, by group id, from the restriction store. */
  public static List<MemberRestriction> restrictionsOf(ReadOnlyKeyValueStore<String, MemberRestriction> store,
      String memberKey) {
    String tenantId = RecordKeys.tenantOf(memberKey);
    return restrictionsUnder(store, memberPrefix(tenantId, memberKey.substring(tenantId.length() + 1)));
  }

  private static List<MemberRestriction> restrictionsUnder(ReadOnlyKeyValueStore<String, MemberRestriction> store,
      String memberPrefix) {
    List<MemberRestriction> found = new ArrayList<>();
    try (KeyValueIterator<String, MemberRestriction> entries =
        store.prefixScan(memberPrefix, Serdes.String().serializer())) {
      entries.forEachRemaining(entry -> found.add(entry.value));
    }
    return found;
  }

  /**
   * '<tenantId>/<length of memberId>:<memberId>/': the length keeps one member's prefix from
   * matching another member whose id merely starts with it (ids may contain '/').
   */
  private static String memberPrefix(String tenantId, String memberId) {
    return RecordKeys.tenantPrefix(tenantId) + memberId.length() + ':' + memberId + RecordKeys.SEPARATOR;
  }

  private final class Stored implements GroupRestrictions {
    private final String prefix;

    Stored(String tenantId, String memberId) {
      this.prefix = memberPrefix(tenantId, memberId);
    }

    @Override
    public Optional<MemberRestriction> in(String groupId) {
      return Optional.ofNullable(restrictions.get(key(groupId)));
    }

    @Override
    public List<MemberRestriction> all() {
      return restrictionsUnder(restrictions, prefix);
    }

    @Override
    public void put(MemberRestriction restriction) {
      restrictions.put(key(restriction.getGroupId()), restriction);
    }

    @Override
    public void remove(String groupId) {
      restrictions.delete(key(groupId));
    }

    private String key(String groupId) {
      return prefix + groupId;
    }
  }
}
