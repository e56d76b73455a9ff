package io.groupguard.testing;

import io.groupguard.avro.ActionType;
import io.groupguard.avro.BlacklistEntry;
import io.groupguard.avro.ChatMessage;
import io.groupguard.avro.ModerationRule;
import io.groupguard.avro.ViolationKind;
import io.groupguard.rules.BlacklistKey;
import io.groupguard.rules.Finding;
import io.groupguard.rules.TenantRuleSet;
import io.groupguard.topology.DeterministicIds;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * What GroupGuard must decide for a message, computed independently of the topology from the
 * rules and blacklist in force: the one place where the checkers' expectations live.
 *
 * <p>Today's behaviour: stateless rule findings (keywords, regexes, links, mini-programs, sender
 * restrictions, via {@link TenantRuleSet}) plus the enterprise or group owner's personal
 * blacklist; a message with any non-shadow violation gets DELETE_MESSAGE and either KICK
 * (blacklisted sender) or WARN, with ids derived from tenant, message id and action type.
 * When stateful limits (rate, duplicate, flood) and the escalation ladder land, this class must
 * replay the messages in order per member / per tenant (limits are windows over earlier
 * messages; strikes count earlier decisions) and choose WARN, MUTE or KICK from the ladder.
 */
public final class DecisionOracle {

  /** The expected outcome of one message: its violations as "KIND:ruleId", and action id to type. */
  public record Decision(String messageId, Set<String> violations, Map<String, ActionType> actions) {

    public boolean isClean() {
      return violations.isEmpty();
    }
  }

  private final Map<String, TenantRuleSet> ruleSets;
  private final Map<String, BlacklistEntry> blacklist = new HashMap<>();

  public DecisionOracle(Collection<ModerationRule> rules, Collection<BlacklistEntry> blacklistEntries) {
    this.ruleSets = rules.stream().collect(Collectors.groupingBy(ModerationRule::getTenantId)).entrySet().stream()
        .collect(Collectors.toMap(Map.Entry::getKey, e -> TenantRuleSet.compile(e.getKey(), e.getValue())));
    blacklistEntries.forEach(entry -> blacklist.put(BlacklistKey.of(entry).format(), entry));
  }

  public Decision decide(ChatMessage message) {
    Set<String> violations = new TreeSet<>();
    boolean blacklisted = isBlacklisted(message);
    if (blacklisted) {
      violations.add(violationKey(ViolationKind.BLACKLISTED_SENDER, null));
    }
    boolean enforced = blacklisted;
    TenantRuleSet ruleSet = ruleSets.get(message.getTenantId());
    List<Finding> findings = ruleSet == null ? List.of() : ruleSet.evaluate(message);
    for (Finding finding : findings) {
      violations.add(violationKey(finding.kind(), finding.rule().getRuleId()));
      enforced |= !finding.rule().getShadow();
    }
    Map<String, ActionType> actions = new LinkedHashMap<>();
    if (enforced) {
      addAction(actions, message, ActionType.DELETE_MESSAGE);
      addAction(actions, message, blacklisted ? ActionType.KICK : ActionType.WARN);
    }
    return new Decision(message.getMessageId(), violations, actions);
  }

  /** How a checker names an observed or expected violation: kind and rule id (none for blacklist hits). */
  public static String violationKey(ViolationKind kind, String ruleId) {
    return ruleId == null ? kind.name() : kind + ":" + ruleId;
  }

  private boolean isBlacklisted(ChatMessage message) {
    return applies(blacklist.get(BlacklistKey.enterprise(message.getTenantId(), message.getSenderId()).format()),
        message.getSendTime())
        || message.getGroupOwnerId() != null && applies(blacklist.get(
            BlacklistKey.personal(message.getTenantId(), message.getGroupOwnerId(), message.getSenderId()).format()),
            message.getSendTime());
  }

  private static boolean applies(BlacklistEntry entry, Instant at) {
    return entry != null && (entry.getExpiresAt() == null || entry.getExpiresAt().isAfter(at));
  }

  private static void addAction(Map<String, ActionType> actions, ChatMessage message, ActionType type) {
    actions.put(DeterministicIds.of("act-", message.getTenantId(), message.getMessageId(), type.name()), type);
  }
}
