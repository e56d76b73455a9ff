package io.groupguard.topology;

import static io.groupguard.topology.TopologyFixture.START;
import static io.groupguard.topology.TopologyFixture.message;
import static org.assertj.core.api.Assertions.assertThat;

import io.groupguard.avro.DuplicateLimit;
import io.groupguard.avro.FloodLimit;
import io.groupguard.avro.ModerationAction;
import io.groupguard.avro.ModerationRule;
import io.groupguard.avro.RateLimit;
import io.groupguard.avro.Violation;
import io.groupguard.avro.ViolationKind;
import io.groupguard.rules.TestRules;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.kstream.Windowed;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.WindowStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Rate, duplicate and flood limits through the whole topology: windows, grace, exemptions, one verdict, cleanup. */
class LimitsTopologyTest {

  private TopologyFixture fixture;
  private int sequence;

  @BeforeEach
  void start() throws Exception {
    fixture = new TopologyFixture(); // default grace: 5 minutes
  }

  @AfterEach
  void stop() {
    fixture.close();
  }

  private static ModerationRule.Builder limitRule(String tenant, String ruleId) {
    return TestRules.validRule(tenant, ruleId).setName("limit " + ruleId).setKeywords(List.of());
  }

  private static ModerationRule rateRule(int maxMessages, int windowSeconds) {
    return limitRule("acme", "slow-down").setRateLimit(new RateLimit(maxMessages, windowSeconds)).build();
  }

  private static ModerationRule duplicateRule(int maxCopies, int windowSeconds) {
    return limitRule("acme", "no-repeats").setDuplicateLimit(new DuplicateLimit(maxCopies, windowSeconds)).build();
  }

  private static ModerationRule floodRule(String tenant, int distinctMembers) {
    return limitRule(tenant, "no-campaigns").setFloodLimit(new FloodLimit(distinctMembers, 60)).build();
  }

  /** Sends a message of {@code sender} in acme/{@code group} at START + {@code offset}; returns its id. */
  private String send(String group, String sender, String text, Duration offset) {
    return send("acme", group, sender, text, offset);
  }

  private String send(String tenant, String group, String sender, String text, Duration offset) {
    String id = "m" + (++sequence);
    fixture.send(message(tenant, group, id, sender, text).setSendTime(START.plus(offset)).build());
    return id;
  }

  /** Message id -> kinds of the violations written since the last call. */
  private Map<String, List<ViolationKind>> violationKinds() {
    return fixture.violations.readValuesToList().stream().collect(Collectors.groupingBy(Violation::getMessageId,
        Collectors.mapping(Violation::getKind, Collectors.toList())));
  }

  @Test
  void rateLimitAllowsMaxMessagesInTheWindowAndFlagsTheNext() {
    fixture.putRule(rateRule(3, 60));
    send("g1", "alice", "one", Duration.ZERO);
    send("g1", "alice", "two", Duration.ofSeconds(10));
    send("g1", "alice", "three", Duration.ofSeconds(20));
    send("g1", "bob", "other member", Duration.ofSeconds(21));
    send("g2", "alice", "other group", Duration.ofSeconds(22));
    assertThat(violationKinds()).as("at the limit").isEmpty();

    String fourth = send("g1", "alice", "four", Duration.ofSeconds(30));
    List<Violation> violations = fixture.violations.readValuesToList();
    assertThat(violations).singleElement().satisfies(violation -> {
      assertThat(violation.getMessageId()).isEqualTo(fourth);
      assertThat(violation.getKind()).isEqualTo(ViolationKind.RATE_LIMIT);
      assertThat(violation.getRuleId()).isEqualTo("slow-down");
      assertThat(violation.getMatchedPattern()).isEqualTo("3 messages / 60 s");
      assertThat(violation.getEventTime()).isEqualTo(START.plusSeconds(30));
    });
  }

  @Test
  void aMessageAfterTheWindowSeesOnlyTheMessagesStillInIt() {
    fixture.putRule(rateRule(2, 60));
    send("g1", "alice", "one", Duration.ZERO);
    send("g1", "alice", "two", Duration.ofSeconds(30));
    send("g1", "alice", "three", Duration.ofSeconds(60)); // "one" has just left the window
    String next = send("g1", "alice", "four", Duration.ofSeconds(61));
    assertThat(violationKinds()).containsOnlyKeys(next);
  }

  @Test
  void lateMessagesWithinTheGraceCountAndLaterOnesAreLeftOutOfTheLimits() {
    fixture.putRule(rateRule(2, 60));
    send("g1", "bob", "moves stream time on", Duration.ofMinutes(4));
    send("g1", "alice", "one", Duration.ZERO);
    send("g1", "alice", "two", Duration.ofSeconds(1));
    String third = send("g1", "alice", "three", Duration.ofSeconds(2));
    assertThat(violationKinds()).as("4 minutes late, within the 5-minute grace").containsOnlyKeys(third);

    send("g1", "bob", "moves stream time on", Duration.ofMinutes(20));
    List<String> late = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      late.add(send("g1", "carol", "late " + i, Duration.ofMinutes(10).plusSeconds(i)));
    }
    assertThat(violationKinds()).as("10 minutes late: neither judged nor counted").isEmpty();
    assertThat(entries(GroupGuardTopology.RATE_LIMIT_STORE)).extracting(entry -> entry.value)
        .as("late messages are not recorded").isNotEmpty().doesNotContainAnyElementsOf(late);
  }

  @Test
  void duplicatesKeepTheFirstCopiesAndFlagTheRepeatsEvenWhenDisguised() {
    fixture.putRule(duplicateRule(2, 600));
    send("g1", "alice", "Anyone up for dinner on Saturday?", Duration.ZERO);
    send("g1", "alice", "anyone up for dinner on saturday", Duration.ofSeconds(10));
    send("g1", "alice", "something else", Duration.ofSeconds(15));
    send("g1", "bob", "Anyone up for dinner on Saturday?", Duration.ofSeconds(16));
    assertThat(violationKinds()).as("two copies allowed; other texts and members are apart").isEmpty();

    String disguised = send("g1", "alice", "ＡＮＹＯＮＥ up for dinner... on Saturdaaay?!", Duration.ofSeconds(20));
    String plain = send("g1", "alice", "Anyone up for dinner on Saturday?", Duration.ofSeconds(30));
    assertThat(violationKinds()).containsOnlyKeys(disguised, plain)
        .allSatisfy((id, kinds) -> assertThat(kinds).containsExactly(ViolationKind.DUPLICATE));
  }

  @Test
  void floodCountsDistinctMembersAcrossTheTenantsGroupsButNotAcrossTenants() {
    fixture.putRule(floodRule("acme", 3));
    fixture.putRule(floodRule("lotus", 3));
    String text = "Black Friday game! click to help me win, reply 1";
    send("acme", "g1", "alice", text, Duration.ZERO);
    send("lotus", "g1", "mallory", text, Duration.ofSeconds(2));
    send("acme", "g2", "bob", text, Duration.ofSeconds(5));
    send("acme", "g2", "bob", text, Duration.ofSeconds(6));
    assertThat(violationKinds()).as("two distinct acme members; the lotus copy is another tenant's").isEmpty();

    String third = send("acme", "g3", "carol", text, Duration.ofSeconds(10));
    String again = send("acme", "g1", "alice", text, Duration.ofSeconds(12));
    send("lotus", "g1", "trent", text, Duration.ofSeconds(13));
    assertThat(violationKinds()).containsOnlyKeys(third, again)
        .allSatisfy((id, kinds) -> assertThat(kinds).containsExactly(ViolationKind.FLOOD));
    assertThat(fixture.actions.readValuesToList()).extracting(ModerationAction::getMessageId)
        .containsOnly(third, again);
  }

  @Test
  void exemptMembersDoNotCountTowardAFlood() {
    fixture.putRule(limitRule("acme", "no-campaigns").setFloodLimit(new FloodLimit(3, 60))
        .setExemptMembers(List.of("brand-account")).build());
    String text = "Our store opens at 10 today";
    send("g1", "brand-account", text, Duration.ZERO);
    send("g2", "brand-account", text, Duration.ofSeconds(1));
    send("g1", "alice", text, Duration.ofSeconds(2));
    send("g2", "bob", text, Duration.ofSeconds(3));
    assertThat(violationKinds()).isEmpty();
  }

  @Test
  void aMessageBreakingAKeywordRuleAndLimitsGetsOneVerdictWithEveryViolation() {
    fixture.putRule(TestRules.validRule("acme", "respect").setKeywords(List.of(TestRules.keyword("idiot"))).build());
    fixture.putRule(rateRule(1, 60));
    fixture.putRule(floodRule("acme", 2));
    send("g1", "alice", "hello", Duration.ZERO);
    send("g2", "bob", "you idiot", Duration.ofSeconds(1));
    assertThat(violationKinds()).as("bob's message breaks the keyword rule only").containsOnlyKeys("m2");
    fixture.actions.readValuesToList();
    String both = send("g1", "alice", "you idiot", Duration.ofSeconds(2));

    List<Violation> violations = fixture.violations.readValuesToList();
    assertThat(violations).allSatisfy(v -> assertThat(v.getMessageId()).isEqualTo(both))
        .extracting(Violation::getKind)
        .containsExactlyInAnyOrder(ViolationKind.KEYWORD, ViolationKind.RATE_LIMIT, ViolationKind.FLOOD);
    List<ModerationAction> actions = fixture.actions.readValuesToList();
    assertThat(actions).isNotEmpty().allSatisfy(action -> {
      assertThat(action.getMessageId()).isEqualTo(both);
      assertThat(action.getViolationIds())
          .containsExactlyInAnyOrderElementsOf(violations.stream().map(Violation::getViolationId).toList());
    });
    assertThat(actions).extracting(ModerationAction::getActionId).doesNotHaveDuplicates();
  }

  @Test
  void shadowLimitsAreRecordedWithoutActionAndDisabledOnesDoNotCount() {
    fixture.putRule(limitRule("acme", "trial").setShadow(true).setRateLimit(new RateLimit(1, 60)).build());
    fixture.putRule(limitRule("acme", "off").setEnabled(false).setDuplicateLimit(new DuplicateLimit(1, 60)).build());
    send("g1", "alice", "same", Duration.ZERO);
    String second = send("g1", "alice", "same", Duration.ofSeconds(1));

    assertThat(fixture.violations.readValuesToList()).singleElement().satisfies(violation -> {
      assertThat(violation.getMessageId()).isEqualTo(second);
      assertThat(violation.getKind()).isEqualTo(ViolationKind.RATE_LIMIT);
      assertThat(violation.getShadow()).isTrue();
    });
    assertThat(fixture.actions.readValuesToList()).isEmpty();
    assertThat(entries(GroupGuardTopology.DUPLICATE_LIMIT_STORE)).as("nothing counts for a disabled rule").isEmpty();
  }

  @Test
  void limitStateIsDroppedOnceStreamTimePassesTheRetention() {
    fixture.putRule(rateRule(5, 60));
    fixture.putRule(duplicateRule(5, 60));
    fixture.putRule(floodRule("acme", 5));
    send("g1", "alice", "remember me", Duration.ZERO);
    List<String> stores = List.of(GroupGuardTopology.RATE_LIMIT_STORE, GroupGuardTopology.DUPLICATE_LIMIT_STORE,
        GroupGuardTopology.FLOOD_LIMIT_STORE);
    assertThat(stores).allSatisfy(store -> assertThat(entries(store)).hasSize(1));

    // Retention is 7 days + grace; RocksDB drops whole segments (half the retention) once they are older.
    send("g1", "bob", "much later", Duration.ofDays(11));
    assertThat(stores).allSatisfy(store -> assertThat(entries(store))
        .extracting(entry -> entry.key.window().startTime())
        .containsExactly(START.plus(Duration.ofDays(11))));
  }

  private List<KeyValue<Windowed<String>, String>> entries(String storeName) {
    WindowStore<String, String> store = fixture.driver.getWindowStore(storeName);
    List<KeyValue<Windowed<String>, String>> entries = new ArrayList<>();
    try (KeyValueIterator<Windowed<String>, String> all = store.all()) {
      all.forEachRemaining(entries::add);
    }
    return entries;
  }

  @Test
  void cleanMessagesOnTheFloodPathYieldNothing() {
    fixture.putRule(floodRule("acme", 3));
    send("g1", "alice", "good morning", Duration.ZERO);
    send("g2", "bob", "good evening", Duration.ofSeconds(1));
    fixture.send(message("acme", "g1", "no-content", "carol", null).setSendTime(START.plusSeconds(2)).build());
    assertThat(fixture.violations.readValuesToList()).isEmpty();
    assertThat(fixture.actions.readValuesToList()).isEmpty();
    assertThat(entries(GroupGuardTopology.FLOOD_LIMIT_STORE)).as("empty content never counts").hasSize(2);
  }
}
