package io.groupguard.topology;

import io.groupguard.avro.BlacklistEntry;
import io.groupguard.avro.ChatMessage;
import io.groupguard.avro.MemberEvent;
import io.groupguard.avro.MemberRestriction;
import io.groupguard.avro.ModerationRule;
import io.groupguard.avro.Violation;
import io.groupguard.avro.ViolationKind;
import io.groupguard.rules.Finding;
import java.time.Instant;

/** Turns what a check found in a message into Violation events with deterministic ids. */
final class ViolationFactory {

  private ViolationFactory() {
  }

  static Violation fromFinding(ChatMessage message, Finding finding, long detectedAt) {
    ModerationRule rule = finding.rule();
    Violation.Builder violation = base(message, finding.kind(), rule == null ? null : rule.getRuleId(), detectedAt)
        .setEvidence(finding.evidence())
        .setMatchedPattern(finding.matchedPattern())
        .setDetail(finding.detail())
        .setSpanStart(finding.spanStart() < 0 ? null : finding.spanStart())
        .setSpanEnd(finding.spanEnd() < 0 ? null : finding.spanEnd());
    if (rule != null) {
      violation.setRuleVersion(rule.getVersion()).setRuleName(rule.getName()).setShadow(rule.getShadow());
    }
    return violation.build();
  }

  static Violation blacklistedSender(ChatMessage message, BlacklistEntry entry, long detectedAt) {
    return base(message, ViolationKind.BLACKLISTED_SENDER, null, detectedAt)
        .setEvidence(message.getSenderId())
        .setDetail("sender is on the " + blacklistDetail(entry))
        .build();
  }

  static Violation mutedSender(ChatMessage message, MemberRestriction restriction, long detectedAt) {
    String state = restriction.getKicked() ? "was kicked from the group"
        : restriction.getMutedUntil() == null ? "is muted in the group permanently"
        : "is muted in the group until " + restriction.getMutedUntil();
    return base(message, ViolationKind.MUTED_SENDER, null, detectedAt)
        .setEvidence(message.getSenderId())
        .setDetail("sender " + state + " (action " + restriction.getActionId() + ")")
        .build();
  }

  static Violation blacklistedJoin(MemberEvent event, BlacklistEntry entry, long detectedAt) {
    ViolationKind kind = ViolationKind.BLACKLISTED_JOIN;
    return Violation.newBuilder()
        .setViolationId(DeterministicIds.of("vio-", event.getTenantId(), event.getEventId(), kind.name(), null))
        .setTenantId(event.getTenantId())
        .setGroupId(event.getGroupId())
        .setMemberId(event.getMemberId())
        .setKind(kind)
        .setEvidence(event.getMemberId())
        .setDetail("member who joined is on the " + blacklistDetail(entry))
        .setShadow(false)
        .setEventTime(event.getEventTime())
        .setDetectedAt(Instant.ofEpochMilli(detectedAt))
        .build();
  }

  private static String blacklistDetail(BlacklistEntry entry) {
    return entry.getScope().name().toLowerCase(java.util.Locale.ROOT) + " blacklist"
        + (entry.getReason() == null ? "" : " (" + entry.getReason() + ")");
  }

  private static Violation.Builder base(ChatMessage message, ViolationKind kind, String ruleId, long detectedAt) {
    return Violation.newBuilder()
        .setViolationId(DeterministicIds.of("vio-", message.getTenantId(), message.getMessageId(), kind.name(), ruleId))
        .setTenantId(message.getTenantId())
        .setGroupId(message.getGroupId())
        .setMessageId(message.getMessageId())
        .setMemberId(message.getSenderId())
        .setKind(kind)
        .setRuleId(ruleId)
        .setShadow(false)
        .setEventTime(message.getSendTime())
        .setDetectedAt(Instant.ofEpochMilli(detectedAt));
  }
}
