package io.groupguard.cli;

import io.groupguard.avro.BlacklistEntry;
import io.groupguard.avro.BlacklistScope;
import io.groupguard.rules.BlacklistKey;
import io.groupguard.rules.BlacklistValidator;
import io.groupguard.rules.ConfigProblem;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The blacklist import format: a CSV file whose header row names the columns {@code tenantId,
 * scope, ownerId, memberId, reason, expiresAt} (in any order). scope is ENTERPRISE or PERSONAL
 * (also E or P); ownerId only for PERSONAL; reason and expiresAt (ISO-8601, e.g.
 * 2027-01-31T00:00:00Z) may be empty. Each row is checked like GroupGuard checks it, except the
 * quotas, which only the server can count.
 */
final class BlacklistCsv {

  static final List<String> COLUMNS = List.of("tenantId", "scope", "ownerId", "memberId", "reason", "expiresAt");

  /** A row turned into an entry and its key, or the reasons why not. */
  record Parsed(String key, BlacklistEntry entry, List<String> problems) {
    boolean valid() {
      return problems.isEmpty();
    }
  }

  private final Map<String, Integer> columnIndex = new HashMap<>();
  private final String defaultTenant;
  private final String addedBy;
  private final Instant addedAt;
  private final BlacklistValidator validator;

  /**
   * @param header        the header row
   * @param defaultTenant tenant of rows whose tenantId is empty; rows of another tenant are refused (null: none)
   * @param addedBy       operator recorded on every entry (null: none)
   */
  BlacklistCsv(String source, List<String> header, String defaultTenant, String addedBy, Instant addedAt,
      BlacklistValidator validator) {
    for (int i = 0; i < header.size(); i++) {
      String name = header.get(i).strip();
      if (!COLUMNS.contains(name)) {
        throw new InputFileException(source + ":1: unknown column '" + name + "' in the header; columns are " + COLUMNS);
      }
      columnIndex.put(name, i);
    }
    if (columnIndex.size() != COLUMNS.size()) {
      List<String> missing = new ArrayList<>(COLUMNS);
      missing.removeAll(columnIndex.keySet());
      throw new InputFileException(source + ":1: the header lacks the columns " + missing + "; expected "
          + String.join(",", COLUMNS));
    }
    this.defaultTenant = defaultTenant;
    this.addedBy = addedBy;
    this.addedAt = addedAt;
    this.validator = validator;
  }

  Parsed parse(List<String> row) {
    if (row.size() != COLUMNS.size()) {
      return rejected("row: has " + row.size() + " fields, the header has " + COLUMNS.size());
    }
    List<String> problems = new ArrayList<>();
    String tenantId = field(row, "tenantId");
    if (tenantId == null) {
      tenantId = defaultTenant;
    } else if (defaultTenant != null && !tenantId.equals(defaultTenant)) {
      problems.add("tenantId: '" + tenantId + "' but --tenant is '" + defaultTenant + "'");
    }
    BlacklistScope scope = scope(field(row, "scope"), problems);
    Instant expiresAt = instant(field(row, "expiresAt"), problems);
    if (!problems.isEmpty()) {
      return new Parsed(null, null, problems);
    }
    BlacklistEntry entry = BlacklistEntry.newBuilder()
        .setTenantId(tenantId == null ? "" : tenantId)
        .setScope(scope)
        .setOwnerId(field(row, "ownerId"))
        .setMemberId(field(row, "memberId") == null ? "" : field(row, "memberId"))
        .setReason(field(row, "reason"))
        .setAddedBy(addedBy)
        .setAddedAt(addedAt)
        .setExpiresAt(expiresAt)
        .build();
    String key;
    try {
      key = BlacklistKey.of(entry).format();
    } catch (IllegalArgumentException e) {
      key = null; // the validator names the field at fault
    }
    // Quotas need the counts in force (0 here): GroupGuard enforces them when the entries arrive.
    for (ConfigProblem problem : validator.validate(key, entry, 0)) {
      // The key is made from the fields, so a problem with it is already reported for the field.
      if (!problem.field().equals("key")) {
        problems.add(problem.field() + ": " + problem.reason());
      }
    }
    return problems.isEmpty() ? new Parsed(key, entry, List.of()) : new Parsed(null, null, problems);
  }

  /** The trimmed value of a column, or null when it is empty. */
  private String field(List<String> row, String column) {
    String value = row.get(columnIndex.get(column)).strip();
    return value.isEmpty() ? null : value;
  }

  private static BlacklistScope scope(String value, List<String> problems) {
    if (value == null) {
      problems.add("scope: is empty, expected ENTERPRISE or PERSONAL");
      return null;
    }
    return switch (value.toUpperCase(Locale.ROOT)) {
      case "ENTERPRISE", "E" -> BlacklistScope.ENTERPRISE;
      case "PERSONAL", "P" -> BlacklistScope.PERSONAL;
      default -> {
        problems.add("scope: '" + value + "', expected ENTERPRISE or PERSONAL");
        yield null;
      }
    };
  }

  private static Instant instant(String value, List<String> problems) {
    if (value == null) {
      return null;
    }
    try {
      return Instant.parse(value);
    } catch (DateTimeParseException e) {
      problems.add("expiresAt: '" + value + "' is not an ISO-8601 instant such as 2027-01-31T00:00:00Z");
      return null;
    }
  }

  private static Parsed rejected(String problem) {
    return new Parsed(null, null, List.of(problem));
  }
}
