package io.groupguard.enforcement;

import io.groupguard.avro.TenantSettings;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The policy of a tenant: its settings from the tenant-settings store over the deployment's
 * defaults. Settings are written by operators straight to a compacted topic; invalid ones
 * (an unparsable ladder step, an unknown language or template key) are logged and the
 * defaults apply, so a typo never stops enforcement.
 */
public final class TenantPolicies {

  private static final Logger LOG = LoggerFactory.getLogger(TenantPolicies.class);

  private final EnforcementPolicy defaults;
  private final ReadOnlyKeyValueStore<String, TenantSettings> settings;

  public TenantPolicies(EnforcementPolicy defaults, ReadOnlyKeyValueStore<String, TenantSettings> settings) {
    this.defaults = defaults;
    this.settings = settings;
  }

  public EnforcementPolicy of(String tenantId) {
    TenantSettings tenant = settings.get(tenantId);
    if (tenant == null) {
      return defaults;
    }
    try {
      return defaults.with(tenant);
    } catch (IllegalArgumentException e) {
      LOG.warn("Invalid enforcement settings of tenant {} ignored, defaults apply: {}", tenantId, e.getMessage());
      return defaults;
    }
  }
}
