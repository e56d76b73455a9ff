package io.groupguard.enforcement;

import io.groupguard.avro.AdminCommand;
import io.groupguard.avro.TenantSettings;
import io.groupguard.topology.GroupGuardTopology;
import io.groupguard.topology.RecordKeys;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Handles operators' commands in the task that holds the member's strikes (commands are
 * repartitioned by tenant+member with the same partition count as verdicts).
 */
public final class AdminCommandProcessor implements Processor<String, AdminCommand, String, EnforcementOutput> {

  private final AdminCommandHandler handler = new AdminCommandHandler();
  private final EnforcementPolicy defaults;
  private ProcessorContext<String, EnforcementOutput> context;
  private MemberStandings standings;
  private TenantPolicies policies;

  public AdminCommandProcessor(EnforcementPolicy defaults) {
    this.defaults = defaults;
  }

  @Override
  public void init(ProcessorContext<String, EnforcementOutput> context) {
    this.context = context;
    this.standings = new MemberStandings(context, GroupGuardTopology.MEMBER_STANDING_STORE);
    KeyValueStore<String, TenantSettings> settings = context.getStateStore(GroupGuardTopology.TENANT_SETTINGS_STORE);
    this.policies = new TenantPolicies(defaults, settings);
  }

  @Override
  public void process(Record<String, AdminCommand> record) {
    AdminCommand command = record.value();
    String memberKey = RecordKeys.member(command.getTenantId(), command.getMemberId());
    Standing standing = standings.load(memberKey);
    var outputs = handler.handle(command, standing, policies.of(command.getTenantId()), context.currentSystemTimeMs());
    standings.save(memberKey, standing);
    outputs.forEach(output -> context.forward(record.withKey(output.key()).withValue(output)));
  }
}
