package io.groupguard.loadgen;

import static org.assertj.core.api.Assertions.assertThat;

import io.groupguard.avro.ChatMessage;
import io.groupguard.avro.ModerationRule;
import io.groupguard.avro.ViolationKind;
import io.groupguard.rules.Finding;
import io.groupguard.rules.TenantRuleSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class ChatTrafficTest {

  private static final Instant T0 = Instant.parse("2026-11-20T09:00:00Z");
  private static final LoadProfile PROFILE = new LoadProfile(7, 2, 300, 2_000, 40, 30, 50, 500, 0.3, 0.05, 0.5);

  @Test
  void theSameSeedYieldsTheSameMessages() {
    assertThat(generate(new ChatTraffic(PROFILE), 2_000)).isEqualTo(generate(new ChatTraffic(PROFILE), 2_000));
    LoadProfile otherSeed = new LoadProfile(8, 2, 300, 2_000, 40, 30, 50, 500, 0.3, 0.05, 0.5);
    assertThat(generate(new ChatTraffic(otherSeed), 100)).isNotEqualTo(generate(new ChatTraffic(PROFILE), 100));
  }

  @Test
  void messagesHaveUniqueIdsRealisticLengthsAndTheConfiguredMix() {
    ChatTraffic traffic = new ChatTraffic(PROFILE);
    Map<ChatTraffic.Kind, Integer> kinds = new EnumMap<>(ChatTraffic.Kind.class);
    Set<String> ids = new HashSet<>();
    Map<String, Integer> postsByMember = new HashMap<>();
    int chinese = 0;
    int total = 20_000;
    for (int i = 0; i < total; i++) {
      ChatTraffic.Generated generated = traffic.next(T0);
      ChatMessage message = generated.message();
      kinds.merge(generated.kind(), 1, Integer::sum);
      assertThat(ids.add(message.getMessageId())).as("unique id %s", message.getMessageId()).isTrue();
      if (generated.kind() == ChatTraffic.Kind.CLEAN) {
        assertThat(message.getText().length()).isBetween(15, 215);
        chinese += message.getText().codePoints().anyMatch(c -> Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN) ? 1 : 0;
      }
      postsByMember.merge(message.getTenantId() + "/" + message.getSenderId(), 1, Integer::sum);
    }
    int spam = total - kinds.get(ChatTraffic.Kind.CLEAN) - kinds.get(ChatTraffic.Kind.DUPLICATE);
    assertThat((double) spam / total).isBetween(0.25, 0.40); // floods add a burst of posts per campaign
    assertThat((double) kinds.get(ChatTraffic.Kind.DUPLICATE) / total).isBetween(0.03, 0.07);
    assertThat(kinds).containsKeys(ChatTraffic.Kind.KEYWORD_SPAM, ChatTraffic.Kind.LINK_SPAM, ChatTraffic.Kind.FLOOD,
        ChatTraffic.Kind.BLACKLISTED_SENDER);
    assertThat((double) chinese / kinds.get(ChatTraffic.Kind.CLEAN)).isBetween(0.4, 0.7);
    // Zipf activity: the busiest member posts far more than the median one.
    List<Integer> counts = postsByMember.values().stream().sorted().toList();
    assertThat(counts.get(counts.size() - 1)).isGreaterThan(20 * counts.get(counts.size() / 2));
  }

  @Test
  void keywordSpamHitsARuleOfItsGroupDespiteTheDisguise() {
    RuleGenerator generator = new RuleGenerator(PROFILE);
    List<ModerationRule> rules = new ArrayList<>();
    generator.rules().forEachRemaining(rules::add);
    Map<String, TenantRuleSet> ruleSets = rules.stream().collect(Collectors.groupingBy(ModerationRule::getTenantId))
        .entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey, e -> TenantRuleSet.compile(e.getKey(), e.getValue())));
    ChatTraffic traffic = new ChatTraffic(PROFILE);
    int keywordSpam = 0;
    int caught = 0;
    for (int i = 0; i < 3_000; i++) {
      ChatTraffic.Generated generated = traffic.next(T0);
      List<Finding> findings = ruleSets.get(generated.message().getTenantId()).evaluate(generated.message());
      if (generated.kind() == ChatTraffic.Kind.KEYWORD_SPAM) {
        keywordSpam++;
        caught += findings.stream().anyMatch(f -> f.kind() == ViolationKind.KEYWORD) ? 1 : 0;
      } else if (generated.kind() == ChatTraffic.Kind.CLEAN) {
        assertThat(findings).as("clean message %s", generated.message().getText())
            .noneMatch(f -> f.kind() == ViolationKind.KEYWORD);
      }
    }
    assertThat(keywordSpam).isGreaterThan(200);
    assertThat(caught).isEqualTo(keywordSpam);
  }

  @Test
  void everyDisguiseChangesTheTextOfALatinKeyword() {
    SplittableRandom random = new SplittableRandom(1);
    for (Disguise disguise : Disguise.values()) {
      String disguised = disguise.apply("sapiox", random);
      assertThat(disguised.equals("sapiox")).as(disguise.name()).isEqualTo(disguise == Disguise.NONE);
    }
  }

  @Test
  void keywordsAreDistinct() {
    Set<String> keywords = new HashSet<>();
    for (long n = 0; n < 200_000; n++) {
      assertThat(keywords.add(Vocabulary.keyword(n))).as("keyword %d", n).isTrue();
    }
  }

  private static List<ChatMessage> generate(ChatTraffic traffic, int count) {
    List<ChatMessage> messages = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      messages.add(traffic.next(T0.plusMillis(i)).message());
    }
    return messages;
  }
}
