package io.groupguard.enforcement;

import io.groupguard.avro.MessageVerdict;
import io.groupguard.avro.ModerationRule;
import io.groupguard.avro.Violation;
import io.groupguard.topology.GroupGuardTopology;
import io.groupguard.topology.TenantRuleSetCache;
import java.util.List;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Decides the actions for one verdict; runs on records partitioned by tenant+member, next to
 * the member's strikes. Reads the rule in force behind each violation (its penalty override
 * and member reason) from the instance's compiled rule sets, which follow the global rule store
 * (a rule with a hundred keywords is not deserialized per violation), and the tenant's settings
 * from their global store.
 */
public final class EnforcementProcessor extends MemberStandingProcessor<MessageVerdict> {

  private final ActionPlanner planner = new ActionPlanner();
  private final TenantRuleSetCache ruleSets;
  private KeyValueStore<String, ModerationRule> rules;

  public EnforcementProcessor(EnforcementPolicy defaults, TenantRuleSetCache ruleSets) {
    super(defaults);
    this.ruleSets = ruleSets;
  }

  @Override
  public void init(ProcessorContext<String, EnforcementOutput> context) {
    super.init(context);
    this.rules = context.getStateStore(GroupGuardTopology.RULES_IN_FORCE_STORE);
  }

  @Override
  String tenantOf(MessageVerdict verdict) {
    return verdict.getTenantId();
  }

  @Override
  String memberOf(MessageVerdict verdict) {
    return verdict.getMemberId();
  }

  @Override
  List<EnforcementOutput> decide(MessageVerdict verdict, Standing standing, EnforcementPolicy policy, long now) {
    return planner.plan(verdict, standing, policy, this::ruleOf, now);
  }

  private ModerationRule ruleOf(Violation violation) {
    return violation.getRuleId() == null ? null
        : ruleSets.rulesOf(violation.getTenantId(), rules).ruleInForce(violation.getRuleId());
  }
}
