package io.groupguard.rules;

import io.groupguard.avro.ModerationRule;
import io.groupguard.avro.ViolationKind;
import java.util.Set;

/** A rule's mini-program whitelist: a card whose app id is missing or not listed violates. */
final class MiniProgramCheck implements StatelessCheck {

  static final String MATCHED_PATTERN = "miniProgramWhitelist";

  private final ModerationRule rule;
  private final Set<String> allowedAppIds;

  MiniProgramCheck(ModerationRule rule, Set<String> allowedAppIds) {
    this.rule = rule;
    this.allowedAppIds = allowedAppIds;
  }

  @Override
  public Finding check(MessageContent content) {
    if (!content.isMiniProgram()) {
      return null;
    }
    String appId = content.miniProgramAppId();
    if (appId == null) {
      return Finding.withoutSpan(ViolationKind.MINI_PROGRAM, rule, null, MATCHED_PATTERN,
          "mini-program card without an app id cannot be checked against the whitelist");
    }
    return allowedAppIds.contains(appId) ? null : Finding.withoutSpan(ViolationKind.MINI_PROGRAM, rule, appId,
        MATCHED_PATTERN, "mini-program app id '" + appId + "' is not on the rule's mini-program whitelist");
  }
}
