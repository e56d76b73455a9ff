package io.groupguard.rules;

import io.groupguard.avro.ChatMessage;
import io.groupguard.avro.Keyword;
import io.groupguard.avro.ModerationRule;
import io.groupguard.avro.ViolationKind;
import io.groupguard.matching.KeywordIndex;
import io.groupguard.matching.NormalizedText;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.IntPredicate;

/**
 * All valid rules of one tenant, compiled once (rules change rarely; messages are many).
 * Keywords and allow words of every rule share one automaton; rules are indexed by group so the
 * work per message grows with the rules that apply to its group, not with the tenant's rule
 * count. Disabled rules are left out. Immutable, thread-safe.
 */
public final class TenantRuleSet {

  private static final int[] NO_RULES = new int[0];
  private static final ScopedRules NO_SCOPED_RULES = new ScopedRules(NO_RULES, NO_RULES, NO_RULES);

  /**
   * Rule indexes of one scope (all groups, or one group's own rules), ascending; the subset with
   * non-keyword checks (a message visits only those and the rules its keywords hit); and the
   * subset with rate, duplicate or flood limits (the only ones the stateful checks need).
   */
  private record ScopedRules(int[] all, int[] checked, int[] limited) {

    static ScopedRules of(List<Integer> indexes, CompiledRule[] rules) {
      int[] all = indexes.stream().mapToInt(Integer::intValue).toArray();
      return new ScopedRules(all,
          Arrays.stream(all).filter(index -> rules[index].hasChecks()).toArray(),
          Arrays.stream(all).filter(index -> hasLimit(rules[index].rule())).toArray());
    }

    private static boolean hasLimit(ModerationRule rule) {
      return rule.getRateLimit() != null || rule.getDuplicateLimit() != null || rule.getFloodLimit() != null;
    }
  }

  private final String tenantId;
  private final CompiledRule[] rules;
  // Per rule index, read for every keyword occurrence: flat arrays, no walk through rule objects.
  private final boolean[] appliesToAllGroups;
  private final boolean[] hasExemptMembers;
  private final ScopedRules allGroupRules;
  private final Map<String, ScopedRules> rulesByGroup;
  private final KeywordIndex keywords;
  private final Map<String, ModerationRule> inForceById;

  private TenantRuleSet(String tenantId, CompiledRule[] rules, ScopedRules allGroupRules,
      Map<String, ScopedRules> rulesByGroup, KeywordIndex keywords, Map<String, ModerationRule> inForceById) {
    this.tenantId = tenantId;
    this.rules = rules;
    this.inForceById = inForceById;
    this.allGroupRules = allGroupRules;
    this.rulesByGroup = rulesByGroup;
    this.keywords = keywords;
    this.appliesToAllGroups = new boolean[rules.length];
    for (int index : allGroupRules.all()) {
      appliesToAllGroups[index] = true;
    }
    this.hasExemptMembers = new boolean[rules.length];
    for (int index = 0; index < rules.length; index++) {
      hasExemptMembers[index] = rules[index].hasExemptMembers();
    }
  }

  /** Compiles {@code rules}, which are already validated; disabled rules are dropped. */
  public static TenantRuleSet compile(String tenantId, Collection<ModerationRule> rules) {
    Objects.requireNonNull(tenantId, "tenantId");
    List<CompiledRule> compiled = new ArrayList<>();
    List<Integer> allGroups = new ArrayList<>();
    Map<String, List<Integer>> byGroup = new HashMap<>();
    KeywordIndex.Builder keywordIndex = KeywordIndex.builder();
    Map<String, ModerationRule> inForceById = new HashMap<>(rules.size() * 2);
    for (ModerationRule rule : rules) {
      inForceById.put(rule.getRuleId(), rule);
      if (!rule.getEnabled()) {
        continue;
      }
      int index = compiled.size();
      compiled.add(new CompiledRule(rule));
      if (rule.getAllGroups()) {
        allGroups.add(index);
      } else {
        for (String groupId : rule.getGroupIds()) {
          List<Integer> groupRules = byGroup.computeIfAbsent(groupId, id -> new ArrayList<>(2));
          if (groupRules.isEmpty() || groupRules.get(groupRules.size() - 1) != index) {
            groupRules.add(index); // a group listed twice in one rule counts once
          }
        }
      }
      for (Keyword keyword : rule.getKeywords()) {
        keywordIndex.addKeyword(index, keyword.getText(), keyword.getMatch());
      }
      for (String allowWord : rule.getAllowWords()) {
        keywordIndex.addAllowWord(index, allowWord);
      }
    }
    CompiledRule[] compiledRules = compiled.toArray(new CompiledRule[0]);
    Map<String, ScopedRules> rulesByGroup = new HashMap<>(byGroup.size() * 2);
    byGroup.forEach((groupId, indexes) -> rulesByGroup.put(groupId, ScopedRules.of(indexes, compiledRules)));
    return new TenantRuleSet(tenantId, compiledRules, ScopedRules.of(allGroups, compiledRules), rulesByGroup,
        keywordIndex.build(), inForceById);
  }

  public String tenantId() {
    return tenantId;
  }

  /** The rule in force with this id, enabled or not (enforcement reads its penalty and reason), or null. */
  public ModerationRule ruleInForce(String ruleId) {
    return inForceById.get(ruleId);
  }

  /** Number of enabled rules. */
  public int ruleCount() {
    return rules.length;
  }

  /** Enabled rules whose scope covers {@code groupId}, in the order they were given. */
  public List<ModerationRule> rulesFor(String groupId) {
    int[] scoped = mergeAscending(allGroupRules.all(), ownRules(groupId).all());
    List<ModerationRule> result = new ArrayList<>(scoped.length);
    for (int index : scoped) {
      result.add(rules[index].rule());
    }
    return result;
  }

  /**
   * Enabled rules with a rate, duplicate or flood limit whose scope covers {@code groupId} and that
   * do not exempt {@code senderId}, in the order given: what the stateful limit checks count.
   */
  public List<ModerationRule> limitedRulesApplyingTo(String groupId, String senderId) {
    int[] limited = mergeAscending(allGroupRules.limited(), ownRules(groupId).limited());
    if (limited.length == 0) {
      return List.of();
    }
    List<ModerationRule> result = new ArrayList<>(limited.length);
    for (int index : limited) {
      if (!rules[index].exempts(senderId)) {
        result.add(rules[index].rule());
      }
    }
    return result;
  }

  /**
   * Stateless findings of every enabled rule whose scope covers the message's group and whose
   * exempt members do not include the sender: per rule at most one finding per kind, in the order
   * KEYWORD, REGEX, LINK, MINI_PROGRAM, SENDER_RESTRICTION; rules in the order they were given.
   * Never throws on malformed content (null text, lone surrogates, megabytes of text).
   *
   * <p>The work grows with the rules that can fire, not with the rules in scope: the text is
   * scanned once for the keywords of all rules, then only the rules with a keyword hit or a
   * non-keyword check are visited, in rule order.
   */
  public List<Finding> evaluate(ChatMessage message) {
    ScopedRules own = ownRules(message.getGroupId());
    if (own.all().length == 0 && allGroupRules.all().length == 0) {
      return List.of();
    }
    String senderId = message.getSenderId();
    MessageContent content = new MessageContent(message, keywords.normalizer());
    List<KeywordIndex.Hit> keywordHits = keywordHits(content,
        index -> (appliesToAllGroups[index] || Arrays.binarySearch(own.all(), index) >= 0)
            && !(hasExemptMembers[index] && rules[index].exempts(senderId)));
    int[] checked = mergeAscending(allGroupRules.checked(), own.checked());
    List<Finding> findings = new ArrayList<>();
    int nextHit = 0;
    int nextChecked = 0;
    while (nextHit < keywordHits.size() || nextChecked < checked.length) {
      int hitRule = nextHit < keywordHits.size() ? keywordHits.get(nextHit).owner() : Integer.MAX_VALUE;
      int checkedRule = nextChecked < checked.length ? checked[nextChecked] : Integer.MAX_VALUE;
      int index = Math.min(hitRule, checkedRule);
      if (hitRule == index) {
        findings.add(keywordFinding(rules[index].rule(), keywordHits.get(nextHit++), content.normalized()));
      }
      if (checkedRule == index) {
        nextChecked++;
        if (!rules[index].exempts(senderId)) {
          rules[index].check(content, findings);
        }
      }
    }
    return findings;
  }

  /** The rules of {@code groupId} that do not apply to all groups. */
  private ScopedRules ownRules(String groupId) {
    return groupId == null ? NO_SCOPED_RULES : rulesByGroup.getOrDefault(groupId, NO_SCOPED_RULES);
  }

  /** The union of two ascending arrays of distinct rule indexes; may return one of them (read-only). */
  private static int[] mergeAscending(int[] first, int[] second) {
    if (first.length == 0 || second.length == 0) {
      return first.length == 0 ? second : first;
    }
    int[] merged = new int[first.length + second.length];
    int a = 0;
    int b = 0;
    int m = 0;
    while (a < first.length || b < second.length) {
      boolean takeFirst = b == second.length || a < first.length && first[a] < second[b];
      merged[m++] = takeFirst ? first[a++] : second[b++];
    }
    return merged;
  }

  /** First keyword hit of each applicable rule, ordered by rule index (the owner); the text is scanned once for all rules. */
  private List<KeywordIndex.Hit> keywordHits(MessageContent content, IntPredicate applies) {
    if (keywords.isEmpty() || content.text().isEmpty()) {
      return List.of();
    }
    return keywords.firstHits(content.normalized(), applies);
  }

  private static Finding keywordFinding(ModerationRule rule, KeywordIndex.Hit hit, NormalizedText text) {
    int spanStart = text.originalStart(hit.start());
    int spanEnd = text.originalEnd(hit.end() - 1);
    String evidence = text.original().substring(spanStart, spanEnd);
    return new Finding(ViolationKind.KEYWORD, rule, evidence, hit.keyword().source(), spanStart, spanEnd,
        "keyword '" + hit.keyword().source() + "' (" + hit.keyword().mode() + ") matched '" + evidence + "'");
  }
}
