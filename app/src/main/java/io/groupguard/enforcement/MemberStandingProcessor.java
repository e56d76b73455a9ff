package io.groupguard.enforcement;

import io.groupguard.avro.TenantSettings;
import io.groupguard.topology.GroupGuardTopology;
import java.util.List;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * One input about a member, decided against the member's standing in the task that holds it:
 * load the standing, decide under the tenant's policy, save it, forward what was decided.
 * Restrictions are written to their store as they are decided.
 */
abstract class MemberStandingProcessor<V> implements Processor<String, V, String, EnforcementOutput> {

  private final EnforcementPolicy defaults;
  private ProcessorContext<String, EnforcementOutput> context;
  private MemberStandings standings;
  private TenantPolicies policies;

  MemberStandingProcessor(EnforcementPolicy defaults) {
    this.defaults = defaults;
  }

  @Override
  public void init(ProcessorContext<String, EnforcementOutput> context) {
    this.context = context;
    this.standings = new MemberStandings(context, GroupGuardTopology.MEMBER_STANDING_STORE,
        GroupGuardTopology.MEMBER_GROUP_RESTRICTION_STORE);
    KeyValueStore<String, TenantSettings> settings = context.getStateStore(GroupGuardTopology.TENANT_SETTINGS_STORE);
    this.policies = new TenantPolicies(defaults, settings);
  }

  @Override
  public final void process(Record<String, V> record) {
    V input = record.value();
    String tenantId = tenantOf(input);
    String memberId = memberOf(input);
    Standing standing = standings.load(tenantId, memberId);
    List<EnforcementOutput> outputs = decide(input, standing, policies.of(tenantId), context.currentSystemTimeMs());
    standings.save(tenantId, memberId, standing);
    outputs.forEach(output -> context.forward(record.withKey(output.key()).withValue(output)));
  }

  abstract String tenantOf(V input);

  abstract String memberOf(V input);

  /** What the input leads to; may change {@code standing}, which is saved afterwards. */
  abstract List<EnforcementOutput> decide(V input, Standing standing, EnforcementPolicy policy, long now);
}
