package io.groupguard.enforcement;

import io.groupguard.avro.MemberRestriction;
import java.util.List;
import java.util.Optional;

/**
 * One member's restrictions, at most one per group. Kept apart from the strikes because a
 * spammer kicked from many groups has one per group, for good: a decision touches one group.
 */
interface GroupRestrictions {

  Optional<MemberRestriction> in(String groupId);

  /** Every group's restriction: read only by admin commands and when a mute has ended. */
  List<MemberRestriction> all();

  /** Replaces the member's restriction in the restriction's group. */
  void put(MemberRestriction restriction);

  void remove(String groupId);
}
