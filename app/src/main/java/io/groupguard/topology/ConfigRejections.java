package io.groupguard.topology;

import io.groupguard.avro.ConfigRejection;
import io.groupguard.rules.ConfigProblem;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;

/** Builds the rejection event for a configuration record that failed validation. */
final class ConfigRejections {

  private ConfigRejections() {
  }

  static ConfigRejection of(String sourceTopic, String key, String tenantId, String entityId, Long version,
      List<ConfigProblem> problems, long now) {
    String reason = problems.stream()
        .map(problem -> problem.field() == null ? problem.reason() : problem.field() + ": " + problem.reason())
        .collect(Collectors.joining("; "));
    return ConfigRejection.newBuilder()
        .setSourceTopic(sourceTopic)
        .setRecordKey(key)
        .setTenantId(tenantId)
        .setEntityId(entityId)
        .setVersion(version)
        .setField(problems.get(0).field())
        .setReason(reason)
        .setRejectedAt(Instant.ofEpochMilli(now))
        .build();
  }
}
