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
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Evaluates one chat message against its sender's blacklist status, the sender's mute or kick
 * in the group (by the message's event time), and the tenant's rules that apply to its group, and forwards one verdict, keyed by tenant+member, when anything
 * fired. Clean messages produce no output.
 */
final class MessageModerationProcessor implements Processor<String, ChatMessage, String, MessageVerdict> {

  private final TenantRuleSetCache ruleSets;
  private final GroupGuardMetrics metrics;
  private ProcessorContext<String, MessageVerdict> context;
  private KeyValueStore<String, ModerationRule> rules;
  private KeyValueStore<String, BlacklistEntry> blacklist;
  private KeyValueStore<String, MemberRestriction> restrictions;

  MessageModerationProcessor(TenantRuleSetCache ruleSets, GroupGuardMetrics metrics) {
    this.ruleSets = ruleSets;
    this.metrics = metrics;
  }

  @Override
  public void init(ProcessorContext<String, MessageVerdict> context) {
    this.context = context;
    this.rules = context.getStateStore(GroupGuardTopology.RULES_IN_FORCE_STORE);
    this.blacklist = context.getStateStore(GroupGuardTopology.BLACKLIST_IN_FORCE_STORE);
    this.restrictions = context.getStateStore(GroupGuardTopology.MEMBER_RESTRICTIONS_STORE);
  }

  @Override
  public void process(Record<String, ChatMessage> record) {
    ChatMessage message = record.value();
    if (message == null) {
      throw new InvalidInputException("chat message record has no value (key " + record.key() + ")");
    }
    long started = System.nanoTime();
    long now = context.currentSystemTimeMs();
    List<Violation> violations = new ArrayList<>();
    BlacklistLookup.find(blacklist, message.getTenantId(), message.getGroupOwnerId(), message.getSenderId(), message.getSendTime())
        .ifPresent(entry -> violations.add(ViolationFactory.blacklistedSender(message, entry, now)));
    MemberRestriction restriction = restrictions.get(
        RecordKeys.memberInGroup(message.getTenantId(), message.getGroupId(), message.getSenderId()));
    if (restriction != null && Standing.inForce(restriction, message.getSendTime())) {
      violations.add(ViolationFactory.mutedSender(message, restriction, now));
    }
    for (Finding finding : ruleSets.rulesOf(message.getTenantId(), rules).evaluate(message)) {
      violations.add(ViolationFactory.fromFinding(message, finding, now));
    }
    metrics.messageEvaluated(System.nanoTime() - started, message.getSendTime().toEpochMilli(), now);
    violations.forEach(metrics::violation);
    if (violations.isEmpty()) {
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
    context.forward(record.withKey(RecordKeys.member(message.getTenantId(), message.getSenderId())).withValue(verdict));
  }
}
