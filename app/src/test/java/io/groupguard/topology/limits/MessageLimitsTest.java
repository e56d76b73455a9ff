package io.groupguard.topology.limits;

import static org.assertj.core.api.Assertions.assertThat;

import io.groupguard.avro.ChatMessage;
import io.groupguard.avro.DuplicateLimit;
import io.groupguard.avro.FloodLimit;
import io.groupguard.avro.ModerationRule;
import io.groupguard.avro.RateLimit;
import io.groupguard.avro.ViolationKind;
import io.groupguard.rules.Finding;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class MessageLimitsTest {

  private static final long T0 = Instant.parse("2026-11-20T09:00:00Z").toEpochMilli();

  private final WindowStores stores = new WindowStores();
  private final MessageLimits limits = new MessageLimits(stores.open("rate"), stores.open("copies"), WindowStores.WINDOWS);
  private int sequence;

  @AfterEach
  void close() {
    stores.close();
  }

  private static ModerationRule.Builder rule(String id) {
    return ModerationRule.newBuilder().setTenantId("t").setRuleId(id).setVersion(1).setName(id).setCreatorId("c")
        .setAllGroups(true);
  }

  private ChatMessage message(String sender, String text, long offsetMillis) {
    return ChatMessage.newBuilder().setTenantId("t").setGroupId("g").setMessageId("m" + (++sequence))
        .setSenderId(sender).setSendTime(Instant.ofEpochMilli(T0 + offsetMillis)).setText(text).build();
  }

  private List<ViolationKind> kinds(MessageLimits.Outcome outcome) {
    return outcome.findings().stream().map(Finding::kind).toList();
  }

  @Test
  void theRateLimitBreaksAtTheMessageAfterTheMaximumInTheWindow() {
    List<ModerationRule> rules = List.of(rule("rate").setRateLimit(new RateLimit(2, 10)).build());
    assertThat(kinds(limits.check(message("a", "1", 0), rules, T0))).isEmpty();
    assertThat(kinds(limits.check(message("a", "2", 1_000), rules, T0 + 1_000))).isEmpty();
    assertThat(kinds(limits.check(message("a", "3", 2_000), rules, T0 + 2_000))).containsExactly(ViolationKind.RATE_LIMIT);
    assertThat(kinds(limits.check(message("a", "4", 11_000), rules, T0 + 11_000)))
        .as("the first two have left the window; 3 is still in it").isEmpty();
  }

  @Test
  void aReplayedMessageIsJudgedAsBeforeAndCountedOnce() {
    List<ModerationRule> rules = List.of(rule("rate").setRateLimit(new RateLimit(1, 10)).build());
    ChatMessage first = message("a", "1", 0);
    assertThat(kinds(limits.check(first, rules, T0))).isEmpty();
    assertThat(kinds(limits.check(first, rules, T0))).as("replay").isEmpty();
    assertThat(kinds(limits.check(message("a", "2", 1), rules, T0 + 1))).containsExactly(ViolationKind.RATE_LIMIT);
  }

  @Test
  void eachRuleJudgesWithItsOwnWindowAndMaximum() {
    List<ModerationRule> rules = List.of(rule("strict").setRateLimit(new RateLimit(1, 60)).build(),
        rule("loose").setRateLimit(new RateLimit(3, 60)).build());
    limits.check(message("a", "1", 0), rules, T0);
    MessageLimits.Outcome second = limits.check(message("a", "2", 1), rules, T0 + 1);
    assertThat(second.findings()).extracting(finding -> finding.rule().getRuleId()).containsExactly("strict");
  }

  @Test
  void duplicatesCountPerContentAndFloodRulesGiveAPartitionKey() {
    List<ModerationRule> rules = List.of(rule("dup").setDuplicateLimit(new DuplicateLimit(1, 60)).build(),
        rule("flood").setFloodLimit(new FloodLimit(3, 60)).build());
    MessageLimits.Outcome first = limits.check(message("a", "Hello there", 0), rules, T0);
    assertThat(first.findings()).isEmpty();
    String fingerprint = ContentFingerprint.of(message("a", "Hello there", 0)).orElseThrow();
    assertThat(first.floodKey()).contains("t/" + fingerprint);
    assertThat(FloodDetector.fingerprintOf(first.floodKey().orElseThrow())).isEqualTo(fingerprint);

    assertThat(kinds(limits.check(message("a", "something else", 1), rules, T0 + 1))).isEmpty();
    assertThat(kinds(limits.check(message("b", "hello there", 2), rules, T0 + 2))).as("another member").isEmpty();
    assertThat(kinds(limits.check(message("a", "HELLO, there!", 3), rules, T0 + 3))).containsExactly(ViolationKind.DUPLICATE);
  }

  @Test
  void messagesWithoutContentOrBeyondTheGraceAreNotCounted() {
    List<ModerationRule> rules = List.of(rule("dup").setDuplicateLimit(new DuplicateLimit(1, 60)).build(),
        rule("flood").setFloodLimit(new FloodLimit(3, 60)).build());
    assertThat(limits.check(message("a", null, 0), rules, T0).floodKey()).as("no content").isEmpty();
    long streamTime = T0 + 6 * 60_000;
    assertThat(limits.check(message("a", "x", 0), rules, streamTime)).as("6 minutes late")
        .isEqualTo(new MessageLimits.Outcome(List.of(), java.util.Optional.empty()));
    assertThat(kinds(limits.check(message("a", "x", 1), rules, T0 + 1))).as("the late copy was not recorded").isEmpty();
  }
}
