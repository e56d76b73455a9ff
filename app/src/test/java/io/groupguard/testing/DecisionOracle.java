package io.groupguard.testing;

import io.groupguard.avro.ActionType;
import io.groupguard.avro.BlacklistEntry;
import io.groupguard.avro.ChatMessage;
import io.groupguard.avro.ModerationAction;
import io.groupguard.avro.ModerationRule;
import io.groupguard.avro.ViolationKind;
import io.groupguard.enforcement.Consequence;
import io.groupguard.enforcement.Ladder;
import io.groupguard.rules.BlacklistKey;
import io.groupguard.rules.Finding;
import io.groupguard.rules.TenantRuleSet;
import io.groupguard.topology.DeterministicIds;
import io.groupguard.topology.RecordKeys;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * What GroupGuard must decide for each message, computed independently of the topology from the
 * rules, blacklist and escalation policy in force: the one place where the checkers' expectations live.
 *
 * <p>Modelled: stateless rule findings (keywords, regexes, links, mini-programs, sender restrictions,
 * via {@link TenantRuleSet}); the enterprise and group owner's personal blacklist (delete + kick, no
 * strike); and the escalation ladder: one strike per enforced message, counted per tenant+member across
 * groups, forgotten after the strike decay (event time); strike n gets the ladder's step n (warn, mute
 * for a time, kick); a mute or kick holds in the group of the offence, where the member's messages are
 * then deleted without a strike. Rules with penalty overrides or rate, duplicate or flood limits are
 * refused: choose test rules without them.
 *
 * <p>Messages are replayed in the order given, which must be the order in which GroupGuard's enforcer
 * sees each member's messages: production order, as long as each member's messages share one partition
 * of the messages topic (across partitions the order of one member's offences is not defined). Events
 * are judged at their sendTime (keep send times in the past).
 *
 * <p>One race is part of the design and modelled as two acceptable outcomes: evaluation learns of a mute
 * through the restrictions topic a commit after enforcement decided it, so a muted member's message may
 * be judged before the mute arrives. Then it has no MUTED_SENDER violation, and a clean one no output at
 * all; enforcement still deletes an offending one without a strike. Strikes, steps and mutes are the same
 * either way, so the escalation state is checked exactly.
 */
public final class DecisionOracle {

  /** One acceptable outcome: violations as "KIND:ruleId", actions as action id to {@link #describe} text. */
  public record Outcome(Set<String> violations, Map<String, String> actions) {

    public boolean isClean() {
      return violations.isEmpty();
    }
  }

  /** The outcomes acceptable for one message, the one evaluation sees with complete knowledge first. */
  public record Decision(String messageId, List<Outcome> acceptable) {

    public Outcome expected() {
      return acceptable.get(0);
    }

    /** The fewest actions any acceptable outcome has, to know when to stop waiting for output. */
    public int minActions() {
      return acceptable.stream().mapToInt(outcome -> outcome.actions().size()).min().orElseThrow();
    }
  }

  private record Strike(Instant at) {
  }

  /** A mute ({@code until} null: permanent) or kick of a member in a group. */
  private record Restriction(Instant until) {
    boolean holdsAt(Instant at) {
      return until == null || until.isAfter(at);
    }
  }

  private final Map<String, TenantRuleSet> ruleSets;
  private final Map<String, BlacklistEntry> blacklist = new HashMap<>();
  private final Ladder ladder;
  private final Duration strikeDecay;
  private final Map<String, List<Strike>> strikesByMember = new HashMap<>();
  private final Map<String, Restriction> restrictions = new HashMap<>();

  public DecisionOracle(Collection<ModerationRule> rules, Collection<BlacklistEntry> blacklistEntries, Ladder ladder,
      Duration strikeDecay) {
    rules.stream().filter(rule -> rule.getPenalty() != null || rule.getRateLimit() != null
        || rule.getDuplicateLimit() != null || rule.getFloodLimit() != null).findFirst().ifPresent(rule -> {
          throw new IllegalArgumentException("rule " + rule.getRuleId() + " has a penalty override or a limit, "
              + "which the oracle does not model");
        });
    this.ruleSets = rules.stream().collect(Collectors.groupingBy(ModerationRule::getTenantId)).entrySet().stream()
        .collect(Collectors.toMap(Map.Entry::getKey, e -> TenantRuleSet.compile(e.getKey(), e.getValue())));
    blacklistEntries.forEach(entry -> blacklist.put(BlacklistKey.of(entry).format(), entry));
    this.ladder = ladder;
    this.strikeDecay = strikeDecay;
  }

  /** The default ladder and strike decay (30 days). */
  public DecisionOracle(Collection<ModerationRule> rules, Collection<BlacklistEntry> blacklistEntries) {
    this(rules, blacklistEntries, Ladder.DEFAULT, Duration.ofDays(30));
  }

  /** Replays {@code messages} in order (see the class comment) and returns each one's decision by message id. */
  public Map<String, Decision> decideAll(List<ChatMessage> messages) {
    Map<String, Decision> decisions = new LinkedHashMap<>();
    messages.forEach(message -> decisions.put(message.getMessageId(), decide(message)));
    return decisions;
  }

  private Decision decide(ChatMessage message) {
    Instant at = message.getSendTime();
    Set<String> violations = new TreeSet<>();
    boolean blacklisted = isBlacklisted(message);
    if (blacklisted) {
      violations.add(violationKey(ViolationKind.BLACKLISTED_SENDER, null));
    }
    boolean enforced = blacklisted;
    TenantRuleSet ruleSet = ruleSets.get(message.getTenantId());
    for (Finding finding : ruleSet == null ? List.<Finding>of() : ruleSet.evaluate(message)) {
      violations.add(violationKey(finding.kind(), finding.rule().getRuleId()));
      enforced |= !finding.rule().getShadow();
    }
    String restrictionKey = RecordKeys.memberInGroup(message.getTenantId(), message.getGroupId(), message.getSenderId());
    Restriction restriction = restrictions.get(restrictionKey);
    boolean restricted = restriction != null && restriction.holdsAt(at);

    if (blacklisted) {
      Map<String, String> actions = actions(message, ActionType.DELETE_MESSAGE, null, ActionType.KICK, null, null);
      return restricted ? muteSeenOrNot(message, violations, actions, actions) : only(message, violations, actions);
    }
    if (restricted) {
      Map<String, String> deleted = actions(message, ActionType.DELETE_MESSAGE, null, null, null, null);
      return muteSeenOrNot(message, violations, deleted, enforced ? deleted : Map.of());
    }
    if (!enforced) {
      return only(message, violations, Map.of());
    }
    int strike = strike(message, at);
    Consequence step = ladder.step(strike);
    Long muteSeconds = step.kind() == Consequence.Kind.MUTE && step.mute() != null ? step.mute().toSeconds() : null;
    if (step.kind() == Consequence.Kind.MUTE || step.kind() == Consequence.Kind.KICK) {
      restrictions.put(restrictionKey, new Restriction(muteSeconds == null ? null : at.plusSeconds(muteSeconds)));
    }
    ActionType consequence = switch (step.kind()) {
      case DELETE_ONLY -> null;
      case WARN -> ActionType.WARN;
      case MUTE -> ActionType.MUTE;
      case KICK -> ActionType.KICK;
    };
    return only(message, violations, actions(message, ActionType.DELETE_MESSAGE, strike, consequence, strike, muteSeconds));
  }

  /** Counts a strike for the member (after forgetting decayed ones) and returns its number. */
  private int strike(ChatMessage message, Instant at) {
    List<Strike> strikes = strikesByMember.computeIfAbsent(RecordKeys.member(message.getTenantId(), message.getSenderId()),
        member -> new ArrayList<>());
    strikes.removeIf(strike -> !strike.at().plus(strikeDecay).isAfter(at));
    strikes.add(new Strike(at));
    return strikes.size();
  }

  private static Decision only(ChatMessage message, Set<String> violations, Map<String, String> actions) {
    return new Decision(message.getMessageId(), List.of(new Outcome(violations, actions)));
  }

  /** The mute seen by evaluation (MUTED_SENDER, the message deleted), or not yet seen. */
  private static Decision muteSeenOrNot(ChatMessage message, Set<String> violations, Map<String, String> seenActions,
      Map<String, String> unseenActions) {
    Set<String> withMute = new TreeSet<>(violations);
    withMute.add(violationKey(ViolationKind.MUTED_SENDER, null));
    return new Decision(message.getMessageId(),
        List.of(new Outcome(withMute, seenActions), new Outcome(violations, unseenActions)));
  }

  private static Map<String, String> actions(ChatMessage message, ActionType first, Integer firstStrike, ActionType second,
      Integer secondStrike, Long muteSeconds) {
    Map<String, String> actions = new LinkedHashMap<>();
    actions.put(actionId(message, first), describe(first, firstStrike, null));
    if (second != null) {
      actions.put(actionId(message, second), describe(second, secondStrike, muteSeconds));
    }
    return actions;
  }

  private static String actionId(ChatMessage message, ActionType type) {
    return DeterministicIds.of("act-", message.getTenantId(), message.getMessageId(), type.name());
  }

  /** How a checker names an observed or expected violation: kind and rule id (none for blacklist hits). */
  public static String violationKey(ViolationKind kind, String ruleId) {
    return ruleId == null ? kind.name() : kind + ":" + ruleId;
  }

  /** How a checker names an observed action: type, strike number and mute length, e.g. "MUTE strike 2 for 86400 s". */
  public static String describe(ModerationAction action) {
    return describe(action.getType(), action.getStrikeNumber(), action.getMuteSeconds());
  }

  private static String describe(ActionType type, Integer strike, Long muteSeconds) {
    return type + (strike == null ? "" : " strike " + strike) + (muteSeconds == null ? "" : " for " + muteSeconds + " s");
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
}
