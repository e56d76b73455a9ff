package io.groupguard.loadgen;

import java.util.function.IntPredicate;

/**
 * Which generated rules carry more than keywords: every {@code n}-th rule of a tenant has the
 * feature (0 = no rule has it). Each feature starts at its own rule so that they do not all land
 * on the same rules, nor all on the first rule, whose groups are the busiest.
 *
 * @param linkWhitelistEvery  a link whitelist (only {@link RuleGenerator#ALLOWED_LINK_HOST})
 * @param rateLimitEvery      a rate limit of {@value #RATE_MAX_MESSAGES} messages per {@value #RATE_WINDOW_SECONDS} s
 * @param duplicateLimitEvery a duplicate limit of {@value #DUPLICATE_MAX_COPIES} copies per {@value #DUPLICATE_WINDOW_SECONDS} s
 * @param floodLimitEvery     a flood limit of {@value #FLOOD_DISTINCT_MEMBERS} members per {@value #FLOOD_WINDOW_SECONDS} s
 */
public record RuleMix(int linkWhitelistEvery, int rateLimitEvery, int duplicateLimitEvery, int floodLimitEvery) {

  /** Keywords, and a link whitelist on every fourth rule: stateless rules an independent oracle can judge. */
  public static final RuleMix KEYWORDS_AND_LINKS = new RuleMix(4, 0, 0, 0);
  /** Like a production deployment: 4% of the rules with a link whitelist, 2% rate, 2% duplicate, 1% flood limits. */
  public static final RuleMix PRODUCTION = new RuleMix(25, 50, 50, 100);

  static final int RATE_MAX_MESSAGES = 20;
  static final int RATE_WINDOW_SECONDS = 60;
  static final int DUPLICATE_MAX_COPIES = 3;
  static final int DUPLICATE_WINDOW_SECONDS = 300;
  static final int FLOOD_DISTINCT_MEMBERS = 5;
  static final int FLOOD_WINDOW_SECONDS = 600;

  public RuleMix {
    for (int every : new int[] {linkWhitelistEvery, rateLimitEvery, duplicateLimitEvery, floodLimitEvery}) {
      if (every < 0) {
        throw new IllegalArgumentException("every must be 0 (never) or positive, got " + every);
      }
    }
  }

  boolean linkWhitelist(int ruleOfTenant) {
    return every(linkWhitelistEvery, 0, ruleOfTenant);
  }

  boolean rateLimit(int ruleOfTenant) {
    return every(rateLimitEvery, 7, ruleOfTenant);
  }

  boolean duplicateLimit(int ruleOfTenant) {
    return every(duplicateLimitEvery, 17, ruleOfTenant);
  }

  boolean floodLimit(int ruleOfTenant) {
    return every(floodLimitEvery, 41, ruleOfTenant);
  }

  /** How many of the first {@code rules} rules of a tenant have each feature, for reports. */
  public String describe(int rules) {
    return "%d with a link whitelist, %d with a rate limit, %d with a duplicate limit, %d with a flood limit"
        .formatted(count(rules, this::linkWhitelist), count(rules, this::rateLimit), count(rules, this::duplicateLimit),
            count(rules, this::floodLimit));
  }

  private static int count(int rules, IntPredicate feature) {
    int count = 0;
    for (int rule = 0; rule < rules; rule++) {
      count += feature.test(rule) ? 1 : 0;
    }
    return count;
  }

  private static boolean every(int every, int phase, int ruleOfTenant) {
    return every > 0 && ruleOfTenant % every == phase % every;
  }
}
