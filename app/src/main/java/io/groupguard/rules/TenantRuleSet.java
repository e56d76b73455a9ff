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
import java.util.Comparator;
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

  private final String tenantId;
  private final CompiledRule[] rules;
  private final int[] allGroupRules;
  private final Map<String, int[]> rulesByGroup;
  private final KeywordIndex keywords;

  private TenantRuleSet(String tenantId, CompiledRule[] rules, int[] allGroupRules, Map<String, int[]> rulesByGroup,
      KeywordIndex keywords) {
    this.tenantId = tenantId;
    this.rules = rules;
    this.allGroupRules = allGroupRules;
    this.rulesByGroup = rulesByGroup;
    this.keywords = keywords;
  }

  /** Compiles {@code rules}, which are already validated; disabled rules are dropped. */
  public static TenantRuleSet compile(String tenantId, Collection<ModerationRule> rules) {
    Objects.requireNonNull(tenantId, "tenantId");
    List<CompiledRule> compiled = new ArrayList<>();
    List<Integer> allGroups = new ArrayList<>();
    Map<String, List<Integer>> byGroup = new HashMap<>();
    KeywordIndex.Builder keywordIndex = KeywordIndex.builder();
    for (ModerationRule rule : rules) {
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
    Map<String, int[]> rulesByGroup = new HashMap<>(byGroup.size() * 2);
    byGroup.forEach((groupId, indexes) -> rulesByGroup.put(groupId, toArray(indexes)));
    return new TenantRuleSet(tenantId, compiled.toArray(new CompiledRule[0]), toArray(allGroups), rulesByGroup,
        keywordIndex.build());
  }

  public String tenantId() {
    return tenantId;
  }

  /** Number of enabled rules. */
  public int ruleCount() {
    return rules.length;
  }

  /** Enabled rules whose scope covers {@code groupId}, in the order they were given. */
  public List<ModerationRule> rulesFor(String groupId) {
    int[] scoped = rulesInScope(groupId);
    List<ModerationRule> result = new ArrayList<>(scoped.length);
    for (int index : scoped) {
      result.add(rules[index].rule());
    }
    return result;
  }

  /**
   * Stateless findings of every enabled rule whose scope covers the message's group and whose
   * exempt members do not include the sender: per rule at most one finding per kind, in the order
   * KEYWORD, REGEX, LINK, MINI_PROGRAM, SENDER_RESTRICTION; rules in the order they were given.
   * Never throws on malformed content (null text, lone surrogates, megabytes of text).
   */
  public List<Finding> evaluate(ChatMessage message) {
    int[] applicable = applicableRules(message);
    if (applicable.length == 0) {
      return List.of();
    }
    MessageContent content = new MessageContent(message, keywords.normalizer());
    List<KeywordIndex.Hit> keywordHits = keywordHits(content, applicable);
    List<Finding> findings = new ArrayList<>();
    int nextHit = 0;
    for (int index : applicable) {
      if (nextHit < keywordHits.size() && keywordHits.get(nextHit).owner() == index) {
        findings.add(keywordFinding(rules[index].rule(), keywordHits.get(nextHit++), content.normalized()));
      }
      rules[index].check(content, findings);
    }
    return findings;
  }

  private int[] applicableRules(ChatMessage message) {
    int[] scoped = rulesInScope(message.getGroupId());
    int kept = 0;
    int[] applicable = null; // copied on the first exemption only: most messages have none
    for (int i = 0; i < scoped.length; i++) {
      boolean exempt = rules[scoped[i]].exempts(message.getSenderId());
      if (exempt && applicable == null) {
        applicable = Arrays.copyOf(scoped, scoped.length);
        kept = i;
      } else if (!exempt && applicable != null) {
        applicable[kept++] = scoped[i];
      }
    }
    return applicable == null ? scoped : Arrays.copyOf(applicable, kept);
  }

  /** Rule indexes in scope, ascending: the all-groups rules merged with the group's own. Read-only. */
  private int[] rulesInScope(String groupId) {
    int[] ofGroup = groupId == null ? NO_RULES : rulesByGroup.getOrDefault(groupId, NO_RULES);
    if (ofGroup.length == 0 || allGroupRules.length == 0) {
      return ofGroup.length == 0 ? allGroupRules : ofGroup;
    }
    int[] merged = new int[ofGroup.length + allGroupRules.length];
    int a = 0;
    int b = 0;
    int m = 0;
    while (a < allGroupRules.length || b < ofGroup.length) {
      boolean takeAll = b == ofGroup.length || a < allGroupRules.length && allGroupRules[a] < ofGroup[b];
      merged[m++] = takeAll ? allGroupRules[a++] : ofGroup[b++];
    }
    return merged;
  }

  /** First keyword hit of each applicable rule, ordered by rule index; the text is scanned once for all rules. */
  private List<KeywordIndex.Hit> keywordHits(MessageContent content, int[] applicable) {
    if (keywords.isEmpty() || content.text().isEmpty()) {
      return List.of();
    }
    IntPredicate applies = applicable.length == rules.length
        ? owner -> true
        : owner -> Arrays.binarySearch(applicable, owner) >= 0;
    List<KeywordIndex.Hit> hits = new ArrayList<>(keywords.firstHits(content.normalized(), applies));
    hits.sort(Comparator.comparingInt(KeywordIndex.Hit::owner));
    return hits;
  }

  private static Finding keywordFinding(ModerationRule rule, KeywordIndex.Hit hit, NormalizedText text) {
    int spanStart = text.originalStart(hit.start());
    int spanEnd = text.originalEnd(hit.end() - 1);
    String evidence = text.original().substring(spanStart, spanEnd);
    return new Finding(ViolationKind.KEYWORD, rule, evidence, hit.keyword().source(), spanStart, spanEnd,
        "keyword '" + hit.keyword().source() + "' (" + hit.keyword().mode() + ") matched '" + evidence + "'");
  }

  private static int[] toArray(List<Integer> indexes) {
    return indexes.stream().mapToInt(Integer::intValue).toArray();
  }
}
