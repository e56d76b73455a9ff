package io.groupguard.enforcement;

import io.groupguard.config.GroupGuardConfig;

/**
 * What the topology needs to know about enforcement: the default policy and the partition
 * count shared by every member-partitioned repartition topic (verdicts and admin commands
 * must meet in the same task, which holds the member's strikes).
 */
public record EnforcementSettings(EnforcementPolicy defaults, int memberPartitions) {

  public static EnforcementSettings from(GroupGuardConfig config) {
    return new EnforcementSettings(EnforcementPolicy.from(config), config.getInt(GroupGuardConfig.ENFORCEMENT_PARTITIONS));
  }
}
