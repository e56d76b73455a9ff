package io.groupguard.topology;

import io.groupguard.avro.BlacklistEntry;
import io.groupguard.avro.ChatMessage;
import io.groupguard.avro.MemberEvent;
import io.groupguard.avro.MemberRestriction;
import io.groupguard.avro.MessageVerdict;
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
    return fromFinding(base(message, finding.kind(), ruleIdOf(finding), detectedAt), finding);
  }

  /** A violation of the message a verdict is about, found after the verdict was started (flood check). */
  static Violation fromFinding(MessageVerdict verdict, Finding finding, long detectedAt) {
    return fromFinding(base(verdict.getTenantId(), verdict.getGroupId(), verdict.getMessageId(), verdict.getMemberId(),
        verdict.getEventTime(), finding.kind(), ruleIdOf(finding), detectedAt), finding);
  }

  private static Violation fromFinding(Violation.Builder base, Finding finding) {
    ModerationRule rule = finding.rule();
    Violation.Builder violation = base
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

  private static String ruleIdOf(Finding finding) {
    return finding.rule() == null ? null : finding.rule().getRuleId();
  }

  private static Violation.Builder base(ChatMessage message, ViolationKind kind, String ruleId, long detectedAt) {
    return base(message.getTenantId(), message.getGroupId(), message.getMessageId(), message.getSenderId(),
        message.getSendTime(), kind, ruleId, detectedAt);
  }

  private static Violation.Builder base(String tenantId, String groupId, String messageId, String memberId,
      Instant eventTime, ViolationKind kind, String ruleId, long detectedAt) {
    return Violation.newBuilder()
        .setViolationId(DeterministicIds.of("vio-", tenantId, messageId, kind.name(), ruleId))
        .setTenantId(tenantId)
        .setGroupId(groupId)
        .setMessageId(messageId)
        .setMemberId(memberId)
        .setKind(kind)
        .setRuleId(ruleId)
        .setShadow(false)
        .setEventTime(eventTime)
        .setDetectedAt(Instant.ofEpochMilli(detectedAt));
  }
}
