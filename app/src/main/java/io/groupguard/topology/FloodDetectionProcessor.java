package io.groupguard.topology;

import io.groupguard.avro.MessageVerdict;
import io.groupguard.avro.ModerationRule;
import io.groupguard.avro.Violation;
import io.groupguard.rules.Finding;
import io.groupguard.topology.limits.FloodDetector;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Completes the verdicts of messages whose group has a flood limit: they arrive partitioned by
 * tenant+content, so every copy of one content meets here ({@link FloodDetector}). Adds the FLOOD
 * violations and forwards the verdict, keyed by tenant+member, when it holds any violation;
 * a clean message that is no flood produces no output.
 */
final class FloodDetectionProcessor implements Processor<String, MessageVerdict, String, MessageVerdict> {

  private final TenantRuleSetCache ruleSets;
  private ProcessorContext<String, MessageVerdict> context;
  private KeyValueStore<String, ModerationRule> rules;
  private FloodDetector floods;

  FloodDetectionProcessor(TenantRuleSetCache ruleSets) {
    this.ruleSets = ruleSets;
  }

  @Override
  public void init(ProcessorContext<String, MessageVerdict> context) {
    this.context = context;
    this.rules = context.getStateStore(GroupGuardTopology.RULES_IN_FORCE_STORE);
    this.floods = new FloodDetector(context.getStateStore(GroupGuardTopology.FLOOD_LIMIT_STORE));
  }

  @Override
  public void process(Record<String, MessageVerdict> record) {
    MessageVerdict verdict = record.value();
    if (verdict == null) {
      throw new InvalidInputException("verdict awaiting the flood check has no value (key " + record.key() + ")");
    }
    List<ModerationRule> applying = ruleSets.rulesOf(verdict.getTenantId(), rules)
        .limitedRulesApplyingTo(verdict.getGroupId(), verdict.getMemberId());
    List<Finding> findings = floods.check(verdict.getTenantId(), FloodDetector.fingerprintOf(record.key()),
        verdict.getMemberId(), verdict.getEventTime().toEpochMilli(), applying);
    if (verdict.getViolations().isEmpty() && findings.isEmpty()) {
      return;
    }
    List<Violation> violations = new ArrayList<>(verdict.getViolations());
    long now = context.currentSystemTimeMs();
    for (Finding finding : findings) {
      violations.add(ViolationFactory.fromFinding(verdict, finding, now));
    }
    MessageVerdict decided = MessageVerdict.newBuilder(verdict).setViolations(violations).build();
    context.forward(record.withKey(RecordKeys.member(verdict.getTenantId(), verdict.getMemberId())).withValue(decided));
  }
}
