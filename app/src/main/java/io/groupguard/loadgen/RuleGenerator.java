package io.groupguard.loadgen;

import io.groupguard.avro.DuplicateLimit;
import io.groupguard.avro.FloodLimit;
import io.groupguard.avro.Keyword;
import io.groupguard.avro.KeywordMatch;
import io.groupguard.avro.ModerationRule;
import io.groupguard.avro.RateLimit;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * The profile's rules. Global rule {@code i} belongs to tenant {@code i mod tenants}, has
 * {@code keywordsPerRule} distinct keywords and applies to {@code groupsPerRule} consecutive
 * groups; the {@link RuleMix} decides which rules also carry a link whitelist (only
 * {@link #ALLOWED_LINK_HOST}, so links elsewhere violate it) or rate, duplicate and flood limits.
 */
public final class RuleGenerator {

  public static final String ALLOWED_LINK_HOST = "shop.example.com";
  private static final Instant UPDATED_AT = Instant.parse("2026-01-01T00:00:00Z");

  private final LoadProfile profile;
  private final RuleMix mix;

  /** Keyword rules, every fourth with a link whitelist ({@link RuleMix#KEYWORDS_AND_LINKS}). */
  public RuleGenerator(LoadProfile profile) {
    this(profile, RuleMix.KEYWORDS_AND_LINKS);
  }

  public RuleGenerator(LoadProfile profile, RuleMix mix) {
    this.profile = profile;
    this.mix = mix;
  }

  /** All rules, generated one at a time. */
  public Iterator<ModerationRule> rules() {
    return new Iterator<>() {
      private int next;

      @Override
      public boolean hasNext() {
        return next < profile.rules();
      }

      @Override
      public ModerationRule next() {
        if (!hasNext()) {
          throw new NoSuchElementException();
        }
        return rule(next++);
      }
    };
  }

  /** Global rule {@code index}. */
  public ModerationRule rule(int index) {
    int tenant = index % profile.tenants();
    int ruleOfTenant = index / profile.tenants();
    List<Keyword> keywords = new ArrayList<>(profile.keywordsPerRule());
    for (int k = 0; k < profile.keywordsPerRule(); k++) {
      keywords.add(new Keyword(keyword(ruleOfTenant, k), KeywordMatch.AUTO));
    }
    List<String> groups = new ArrayList<>(Math.min(profile.groupsPerRule(), profile.groupsPerTenant()));
    for (int g = 0; g < Math.min(profile.groupsPerRule(), profile.groupsPerTenant()); g++) {
      groups.add(LoadProfile.groupId(groupOfRule(ruleOfTenant, g)));
    }
    return ModerationRule.newBuilder()
        .setTenantId(profile.tenantId(tenant))
        .setRuleId(ruleId(ruleOfTenant))
        .setVersion(1)
        .setName("generated rule " + ruleOfTenant)
        .setCreatorId("admin-" + ruleOfTenant % 7)
        .setAllGroups(false)
        .setGroupIds(groups)
        .setKeywords(keywords)
        .setLinkWhitelist(mix.linkWhitelist(ruleOfTenant) ? List.of(ALLOWED_LINK_HOST) : null)
        .setRateLimit(mix.rateLimit(ruleOfTenant)
            ? new RateLimit(RuleMix.RATE_MAX_MESSAGES, RuleMix.RATE_WINDOW_SECONDS) : null)
        .setDuplicateLimit(mix.duplicateLimit(ruleOfTenant)
            ? new DuplicateLimit(RuleMix.DUPLICATE_MAX_COPIES, RuleMix.DUPLICATE_WINDOW_SECONDS) : null)
        .setFloodLimit(mix.floodLimit(ruleOfTenant)
            ? new FloodLimit(RuleMix.FLOOD_DISTINCT_MEMBERS, RuleMix.FLOOD_WINDOW_SECONDS) : null)
        .setUpdatedAt(UPDATED_AT)
        .build();
  }

  public static String ruleId(int ruleOfTenant) {
    return "rule-" + ruleOfTenant;
  }

  /** Keyword {@code k} of the tenant's rule; distinct across all rules of the tenant. */
  public String keyword(int ruleOfTenant, int k) {
    return Vocabulary.keyword((long) ruleOfTenant * profile.keywordsPerRule() + k);
  }

  /** The {@code g}-th group the tenant's rule applies to. */
  public int groupOfRule(int ruleOfTenant, int g) {
    long start = (long) ruleOfTenant * profile.groupsPerRule();
    return (int) ((start + g) % profile.groupsPerTenant());
  }
}
