package io.groupguard.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
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

  private static Violation violation(String messageId) {
    return Violation.newBuilder().setViolationId("v-" + messageId).setTenantId("acme").setGroupId("g1")
        .setMessageId(messageId).setMemberId("bob").setKind(ViolationKind.KEYWORD).setDetail("d")
        .setEventTime(Instant.EPOCH).setDetectedAt(Instant.EPOCH).build();
  }
}
