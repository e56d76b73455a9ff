package io.groupguard.enforcement;

import io.groupguard.avro.AdminCommandResult;
import io.groupguard.avro.MemberRestriction;
import io.groupguard.avro.ModerationAction;
import io.groupguard.topology.RecordKeys;

/**
 * One record enforcement writes, with its key: an action for executors (keyed tenant/member),
 * a restriction imposed or lifted (keyed tenant/group/member, null value = lifted) or the
 * answer to an admin command (keyed tenant/member). The topology routes each kind to its topic.
 */
public sealed interface EnforcementOutput {

  String key();

  record Action(ModerationAction action) implements EnforcementOutput {
    @Override
    public String key() {
      return RecordKeys.member(action.getTenantId(), action.getMemberId());
    }
  }

  record RestrictionChange(String key, MemberRestriction restriction) implements EnforcementOutput {
    static RestrictionChange imposed(MemberRestriction restriction) {
      return new RestrictionChange(keyOf(restriction), restriction);
    }

    static RestrictionChange lifted(MemberRestriction restriction) {
      return new RestrictionChange(keyOf(restriction), null);
    }

    private static String keyOf(MemberRestriction restriction) {
      return RecordKeys.memberInGroup(restriction.getTenantId(), restriction.getGroupId(), restriction.getMemberId());
    }
  }

  record CommandAnswer(AdminCommandResult result) implements EnforcementOutput {
    @Override
    public String key() {
      return RecordKeys.member(result.getTenantId(), result.getMemberId());
    }
  }
}
