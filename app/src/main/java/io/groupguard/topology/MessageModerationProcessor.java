package io.groupguard.topology;

import io.groupguard.avro.BlacklistEntry;
import io.groupguard.avro.ChatMessage;
import io.groupguard.avro.MemberRestriction;
import io.groupguard.avro.MessageVerdict;
import io.groupguard.avro.ModerationRule;
import io.groupguard.avro.Violation;
import io.groupguard.enforcement.Standing;
import io.groupguard.ops.GroupGuardMetrics;
import io.groupguard.rules.Finding;
import io.groupguard.rules.TenantRuleSet;
import io.groupguard.topology.limits.LimitWindows;
import io.groupguard.topology.limits.MessageLimits;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Evaluates one chat message against its sender's blacklist status, the sender's mute or kick
 * in the group (by the message's event time), the tenant's rules that apply to its group and the
 * rate and duplicate limits of those rules ({@link MessageLimits}). When no flood limit applies,
 * it forwards one verdict, keyed by tenant+member, if anything fired; clean messages produce no
 * output. When a flood limit applies, it forwards the verdict so far, keyed by tenant+content,
 * to the flood check, which decides.
 */
final class MessageModerationProcessor implements Processor<String, ChatMessage, String, ModerationResult> {

  private final TenantRuleSetCache ruleSets;
  private final GlobalStoreKeys blacklistKeys;
  private final GlobalStoreKeys restrictionKeys;
  private final LimitWindows limitWindows;
  private final GroupGuardMetrics metrics;
  private ProcessorContext<String, ModerationResult> context;
  private KeyValueStore<String, ModerationRule> rules;
  private KeyValueStore<String, BlacklistEntry> blacklist;
  private KeyValueStore<String, MemberRestriction> restrictions;
  private MessageLimits limits;

  MessageModerationProcessor(TenantRuleSetCache ruleSets, GlobalStoreKeys blacklistKeys, GlobalStoreKeys restrictionKeys,
      LimitWindows limitWindows, GroupGuardMetrics metrics) {
    this.ruleSets = ruleSets;
    this.blacklistKeys = blacklistKeys;
    this.restrictionKeys = restrictionKeys;
    this.limitWindows = limitWindows;
    this.metrics = metrics;
  }

  @Override
  public void init(ProcessorContext<String, ModerationResult> context) {
    this.context = context;
    this.rules = context.getStateStore(GroupGuardTopology.RULES_IN_FORCE_STORE);
    this.blacklist = context.getStateStore(GroupGuardTopology.BLACKLIST_IN_FORCE_STORE);
    this.restrictions = context.getStateStore(GroupGuardTopology.MEMBER_RESTRICTIONS_STORE);
    this.limits = new MessageLimits(context.getStateStore(GroupGuardTopology.RATE_LIMIT_STORE),
        context.getStateStore(GroupGuardTopology.DUPLICATE_LIMIT_STORE), limitWindows);
  }

  @Override
  public void process(Record<String, ChatMessage> record) {
    if (record.value() == null) {
      throw new InvalidInputException("chat message record has no value (key " + record.key() + ")");
    }
    ChatMessage message = judgedAt(record.value(), record.timestamp());
    new RequiredFields("chat message").require("tenantId", message.getTenantId()).require("groupId", message.getGroupId())
        .require("messageId", message.getMessageId()).require("senderId", message.getSenderId());
    long started = System.nanoTime();
    long now = context.currentSystemTimeMs();
    List<Violation> violations = new ArrayList<>();
    BlacklistLookup.find(blacklistKeys, blacklist, message.getTenantId(), message.getGroupOwnerId(), message.getSenderId(),
            message.getSendTime())
        .ifPresent(entry -> violations.add(ViolationFactory.blacklistedSender(message, entry, now)));
    MemberRestriction restriction = restrictionKeys.get(restrictions,
        RecordKeys.memberInGroup(message.getTenantId(), message.getGroupId(), message.getSenderId()));
    if (restriction != null && Standing.inForce(restriction, message.getSendTime())) {
      violations.add(ViolationFactory.mutedSender(message, restriction, now));
    }
    TenantRuleSet ruleSet = ruleSets.rulesOf(message.getTenantId(), rules);
    for (Finding finding : ruleSet.evaluate(message)) {
      violations.add(ViolationFactory.fromFinding(message, finding, now));
    }
    MessageLimits.Outcome limited = limits.check(message,
        ruleSet.limitedRulesApplyingTo(message.getGroupId(), message.getSenderId()), context.currentStreamTimeMs());
    for (Finding finding : limited.findings()) {
      violations.add(ViolationFactory.fromFinding(message, finding, now));
    }
    metrics.messageEvaluated(System.nanoTime() - started, message.getSendTime().toEpochMilli(), now);
    if (violations.isEmpty() && limited.floodKey().isEmpty()) {
      return;
    }
    MessageVerdict verdict = MessageVerdict.newBuilder()
        .setInputId(message.getMessageId())
        .setTenantId(message.getTenantId())
        .setGroupId(message.getGroupId())
        .setMemberId(message.getSenderId())
        .setMessageId(message.getMessageId())
        .setEventTime(message.getSendTime())
        .setViolations(violations)
        .build();
    if (limited.floodKey().isPresent()) {
      context.forward(record.withKey(limited.floodKey().get()).withValue(ModerationResult.awaitingFloodCheck(verdict)));
    } else {
      context.forward(record.withKey(RecordKeys.member(message.getTenantId(), message.getSenderId()))
          .withValue(ModerationResult.decided(verdict)));
    }
  }

  /**
   * The message with the event time {@link SendTimeExtractor} chose as its sendTime, so that mutes, strikes,
   * limits and the reported event times all use it; the two differ only when the sendTime was too far ahead.
   */
  private static ChatMessage judgedAt(ChatMessage message, long eventTime) {
    return message.getSendTime().toEpochMilli() == eventTime ? message
        : ChatMessage.newBuilder(message).setSendTime(Instant.ofEpochMilli(eventTime)).build();
  }
}
