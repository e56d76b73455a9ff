package io.groupguard.enforcement;

import io.groupguard.avro.AdminCommand;
import java.util.List;

/**
 * Handles operators' commands in the task that holds the member's strikes (commands are
 * repartitioned by tenant+member with the same partition count as verdicts).
 */
public final class AdminCommandProcessor extends MemberStandingProcessor<AdminCommand> {

  private final AdminCommandHandler handler = new AdminCommandHandler();

  public AdminCommandProcessor(EnforcementPolicy defaults) {
    super(defaults);
  }

  @Override
  String tenantOf(AdminCommand command) {
    return command.getTenantId();
  }

  @Override
  String memberOf(AdminCommand command) {
    return command.getMemberId();
  }

  @Override
  List<EnforcementOutput> decide(AdminCommand command, Standing standing, EnforcementPolicy policy, long now) {
    return handler.handle(command, standing, policy, now);
  }
}
