package io.groupguard.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.groupguard.avro.MemberRestriction;
import io.groupguard.avro.MemberStanding;
import io.groupguard.avro.Strike;
import io.groupguard.avro.Violation;
import io.groupguard.avro.ViolationKind;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class QueryableViewsTest {

  private static final List<Violation> THREE_NEWEST_FIRST =
      IntStream.rangeClosed(1, 3).map(i -> 4 - i).mapToObj(i -> violation("m" + i)).toList();

  @Test
  void recentViolationsAreNewestFirstUpToTheLimit() {
    JsonNode body = QueryableViews.recentViolations(THREE_NEWEST_FIRST, Map.of("limit", "2"));
    assertThat(body.get("violations")).extracting(v -> v.get("messageId").asText()).containsExactly("m3", "m2");
  }

  @Test
  void withoutALimitEverythingKeptIsReturned() {
    assertThat(QueryableViews.recentViolations(THREE_NEWEST_FIRST, Map.of()).get("violations")).hasSize(3);
    assertThat(QueryableViews.recentViolations(List.of(), Map.of()).get("violations")).isEmpty();
  }

  @Test
  void aLimitThatIsNotANumberIsRefused() {
    assertThatThrownBy(() -> QueryableViews.recentViolations(THREE_NEWEST_FIRST, Map.of("limit", "ten")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ten");
  }

  @Test
  void theViolationsViewReadsTheGroupKeyFromThePath() {
    QueryableView<?, ?> view = QueryableViews.all().get(0);
    assertThat(view.keyOf("/groups/acme/g%201/violations")).hasValue("acme/g 1");
    assertThat(view.keyOf("/groups/acme/g1/rules")).isEmpty();
    assertThat(view.keyOf("/groups/acme/violations")).isEmpty();
  }

  @Test
  void theMemberViewReadsTheMemberKeyAndShowsStrikes() {
    QueryableView<?, ?> view = QueryableViews.all().get(1);
    assertThat(view.keyOf("/members/acme/bob")).hasValue("acme/bob");
    assertThat(view.keyOf("/members/acme")).isEmpty();
    assertThat(view.keyOf("/members/acme/bob/restrictions")).isEmpty();
    JsonNode unknown = QueryableViews.memberStanding(null, Map.of());
    assertThat(unknown.get("strikes")).isEmpty();
    assertThat(unknown.get("olderStrikes").asInt()).isZero();
    JsonNode struck = QueryableViews.memberStanding(MemberStanding.newBuilder()
        .setStrikes(List.of(new Strike(java.time.Instant.parse("2026-11-20T09:00:00Z"), "g1", "m1"))).build(), Map.of());
    assertThat(struck.get("strikes")).singleElement()
        .satisfies(strike -> assertThat(strike.get("inputId").asText()).isEqualTo("m1"));
  }

  @Test
  void theRestrictionsViewListsTheMembersRestrictions() {
    QueryableView<?, ?> view = QueryableViews.all().get(2);
    assertThat(view.keyOf("/members/acme/bob/restrictions")).hasValue("acme/bob");
    assertThat(view.keyOf("/members/acme/bob")).isEmpty();
    JsonNode kicked = QueryableViews.memberRestrictions(List.of(MemberRestriction.newBuilder().setTenantId("acme")
        .setGroupId("g1").setMemberId("bob").setKicked(true).setImposedAt(Instant.EPOCH).setActionId("act-1").build()), Map.of());
    assertThat(kicked.get("restrictions")).singleElement()
        .satisfies(restriction -> assertThat(restriction.get("groupId").asText()).isEqualTo("g1"));
  }

  private static Violation violation(String messageId) {
    return Violation.newBuilder().setViolationId("v-" + messageId).setTenantId("acme").setGroupId("g1")
        .setMessageId(messageId).setMemberId("bob").setKind(ViolationKind.KEYWORD).setDetail("d")
        .setEventTime(Instant.EPOCH).setDetectedAt(Instant.EPOCH).build();
  }
}
