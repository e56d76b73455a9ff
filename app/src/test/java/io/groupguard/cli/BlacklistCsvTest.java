package io.groupguard.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.groupguard.avro.BlacklistScope;
import io.groupguard.cli.BlacklistCsv.Parsed;
import io.groupguard.rules.BlacklistLimits;
import io.groupguard.rules.BlacklistValidator;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class BlacklistCsvTest {

  private static final Instant NOW = Instant.parse("2026-11-20T09:00:00Z");
  private static final List<String> HEADER = List.of("tenantId", "scope", "ownerId", "memberId", "reason", "expiresAt");

  private final BlacklistCsv csv = format(HEADER, null);

  @Test
  void turnsARowIntoAnEntryAndItsKey() {
    Parsed parsed = csv.parse(List.of("acme", "personal", "emp-1", "c-9", "spam, twice", "2027-01-31T00:00:00Z"));

    assertThat(parsed.problems()).isEmpty();
    assertThat(parsed.key()).isEqualTo("acme/P/emp-1/c-9");
    assertThat(parsed.entry().getScope()).isEqualTo(BlacklistScope.PERSONAL);
    assertThat(parsed.entry().getReason()).isEqualTo("spam, twice");
    assertThat(parsed.entry().getExpiresAt()).isEqualTo(Instant.parse("2027-01-31T00:00:00Z"));
    assertThat(parsed.entry().getAddedBy()).isEqualTo("op-1");
    assertThat(parsed.entry().getAddedAt()).isEqualTo(NOW);
  }

  @Test
  void readsColumnsByTheirHeaderNames() {
    BlacklistCsv reordered = format(List.of("memberId", "scope", "tenantId", "ownerId", "expiresAt", "reason"), null);

    assertThat(reordered.parse(List.of("c-1", "E", "acme", "", "", "")).key()).isEqualTo("acme/E/c-1");
  }

  @Test
  void reportsEveryProblemOfARowWithItsField() {
    assertThat(csv.parse(List.of("acme", "GLOBAL", "", "c-1", "", "tomorrow")).problems()).containsExactly(
        "scope: 'GLOBAL', expected ENTERPRISE or PERSONAL",
        "expiresAt: 'tomorrow' is not an ISO-8601 instant such as 2027-01-31T00:00:00Z");
    assertThat(csv.parse(List.of("acme", "PERSONAL", "", "c-1", "", "")).problems())
        .singleElement().asString().startsWith("ownerId: is required");
    assertThat(csv.parse(List.of("acme", "E", "", "", "", "")).problems())
        .singleElement().asString().startsWith("memberId:");
    assertThat(csv.parse(List.of("acme", "E", "", "c-1")).problems())
        .containsExactly("row: has 4 fields, the header has 6");
  }

  @Test
  void theTenantOptionFillsEmptyTenantsAndRefusesOthers() {
    BlacklistCsv forAcme = format(HEADER, "acme");

    assertThat(forAcme.parse(List.of("", "E", "", "c-1", "", "")).key()).isEqualTo("acme/E/c-1");
    assertThat(forAcme.parse(List.of("globex", "E", "", "c-1", "", "")).problems())
        .containsExactly("tenantId: 'globex' but --tenant is 'acme'");
  }

  @Test
  void aHeaderWithoutTheColumnsIsABadFile() {
    assertThatThrownBy(() -> format(List.of("tenantId", "member"), null))
        .isInstanceOf(InputFileException.class).hasMessageContaining("in.csv:1: unknown column 'member'");
    assertThatThrownBy(() -> format(List.of("tenantId", "memberId"), null))
        .isInstanceOf(InputFileException.class).hasMessageContaining("lacks the columns [scope, ownerId, reason, expiresAt]");
  }

  private static BlacklistCsv format(List<String> header, String tenant) {
    return new BlacklistCsv("in.csv", header, tenant, "op-1", NOW, new BlacklistValidator(BlacklistLimits.defaults()));
  }
}
