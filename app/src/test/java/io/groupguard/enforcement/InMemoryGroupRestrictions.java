package io.groupguard.enforcement;

import io.groupguard.avro.MemberRestriction;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;

/** A member's restrictions in a map, for decisions tested without a state store; counts full reads. */
final class InMemoryGroupRestrictions implements GroupRestrictions {

  private final TreeMap<String, MemberRestriction> byGroup = new TreeMap<>();
  private int fullReads;

  @Override
  public Optional<MemberRestriction> in(String groupId) {
    return Optional.ofNullable(byGroup.get(groupId));
  }

  @Override
  public List<MemberRestriction> all() {
    fullReads++;
    return new ArrayList<>(byGroup.values());
  }

  @Override
  public void put(MemberRestriction restriction) {
    byGroup.put(restriction.getGroupId(), restriction);
  }

  @Override
  public void remove(String groupId) {
    byGroup.remove(groupId);
  }

  int fullReads() {
    return fullReads;
  }
}
