package io.groupguard.enforcement;

import io.groupguard.avro.TenantSettings;
import io.groupguard.config.GroupGuardConfig;
import java.time.Duration;
import java.util.Objects;

/**
 * How one tenant's members are punished: the ladder, how long a strike counts, up to which
 * strike count an appeal (PARDON) is accepted, and the language and templates of reasons.
 */
public record EnforcementPolicy(Ladder ladder, Duration strikeDecay, int appealableStrikes, ReasonTemplates reasons) {

  public EnforcementPolicy {
    Objects.requireNonNull(ladder, "ladder");
    Objects.requireNonNull(reasons, "reasons");
    if (strikeDecay == null || strikeDecay.isZero() || strikeDecay.isNegative()) {
      throw new IllegalArgumentException("strike decay must be positive, got " + strikeDecay);
    }
    if (appealableStrikes < 0) {
      throw new IllegalArgumentException("appealable strikes must be at least 0, got " + appealableStrikes);
    }
  }

  /** The deployment's defaults, for tenants without settings. */
  public static EnforcementPolicy from(GroupGuardConfig config) {
    return new EnforcementPolicy(
        Ladder.parse(config.getList(GroupGuardConfig.ENFORCEMENT_LADDER)),
        Duration.ofMillis(config.getLong(GroupGuardConfig.ENFORCEMENT_STRIKE_DECAY_MS)),
        config.getInt(GroupGuardConfig.ENFORCEMENT_APPEALABLE_STRIKES),
        ReasonTemplates.bundled(config.getString(GroupGuardConfig.ENFORCEMENT_LANGUAGE)));
  }

  /** This policy with a tenant's settings on top; a null field keeps this policy's value. */
  public EnforcementPolicy with(TenantSettings settings) {
    ReasonTemplates templates = settings.getLanguage() == null ? reasons : ReasonTemplates.bundled(settings.getLanguage());
    return new EnforcementPolicy(
        settings.getLadder() == null ? ladder : Ladder.parse(settings.getLadder()),
        settings.getStrikeDecaySeconds() == null ? strikeDecay : Duration.ofSeconds(settings.getStrikeDecaySeconds()),
        settings.getAppealableStrikes() == null ? appealableStrikes : settings.getAppealableStrikes(),
        templates.withOverrides(settings.getReasonTemplates()));
  }

  public String language() {
    return reasons.language();
  }

  /** Whether a decision at that strike count may be lifted on appeal. */
  public boolean appealable(int strikes) {
    return strikes <= appealableStrikes;
  }
}
