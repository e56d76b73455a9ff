package io.groupguard.enforcement;

import io.groupguard.avro.MessageVerdict;
import io.groupguard.avro.ModerationRule;
import io.groupguard.avro.TenantSettings;
import io.groupguard.avro.Violation;
import io.groupguard.topology.GroupGuardTopology;
import io.groupguard.topology.RecordKeys;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Decides the actions for one verdict; runs on records partitioned by tenant+member, next to
 * the member's strikes. Reads the rule in force behind each violation (its penalty override
 * and member reason) and the tenant's settings from global stores.
 */
public final class EnforcementProcessor implements Processor<String, MessageVerdict, String, EnforcementOutput> {

  private final ActionPlanner planner = new ActionPlanner();
  private final EnforcementPolicy defaults;
  private ProcessorContext<String, EnforcementOutput> context;
  private MemberStandings standings;
  private TenantPolicies policies;
  private KeyValueStore<String, ModerationRule> rules;

  public EnforcementProcessor(EnforcementPolicy defaults) {
    this.defaults = defaults;
  }

  @Override
  public void init(ProcessorContext<String, EnforcementOutput> context) {
    this.context = context;
    this.standings = new MemberStandings(context, GroupGuardTopology.MEMBER_STANDING_STORE);
    KeyValueStore<String, TenantSettings> settings = context.getStateStore(GroupGuardTopology.TENANT_SETTINGS_STORE);
    this.policies = new TenantPolicies(defaults, settings);
    this.rules = context.getStateStore(GroupGuardTopology.RULES_IN_FORCE_STORE);
  }

  @Override
  public void process(Record<String, MessageVerdict> record) {
    MessageVerdict verdict = record.value();
    String memberKey = RecordKeys.member(verdict.getTenantId(), verdict.getMemberId());
    Standing standing = standings.load(memberKey);
    var outputs = planner.plan(verdict, standing, policies.of(verdict.getTenantId()), this::ruleOf,
        context.currentSystemTimeMs());
    standings.save(memberKey, standing);
    outputs.forEach(output -> context.forward(record.withKey(output.key()).withValue(output)));
  }

  private ModerationRule ruleOf(Violation violation) {
    return violation.getRuleId() == null ? null : rules.get(RecordKeys.rule(violation.getTenantId(), violation.getRuleId()));
  }
}
