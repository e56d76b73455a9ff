package io.groupguard.topology;

import io.groupguard.avro.BlacklistEntry;
import io.groupguard.avro.BlacklistScope;
import io.groupguard.rules.BlacklistKey;
import io.groupguard.rules.BlacklistValidator;
import io.groupguard.rules.ConfigProblem;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Validates blacklist entries and enforces the per-scope quotas (enterprise: per tenant,
 * personal: per owner). Runs on records partitioned by scope, so one partition counts a
 * whole scope. Counts are kept, not scanned: a scope may hold two million entries.
 */
final class BlacklistValidationProcessor implements Processor<String, BlacklistEntry, String, ConfigOutcome<BlacklistEntry>> {

  private final BlacklistValidator validator;
  private final String sourceTopic;
  private ProcessorContext<String, ConfigOutcome<BlacklistEntry>> context;
  private KeyValueStore<String, Boolean> keysInForce;
  private KeyValueStore<String, Long> scopeSizes;

  BlacklistValidationProcessor(BlacklistValidator validator, String sourceTopic) {
    this.validator = validator;
    this.sourceTopic = sourceTopic;
  }

  /** Partition key of a blacklist record: its scope, '<tenantId>/E' or '<tenantId>/P/<ownerId>'. */
  static String scopeOf(String key) {
    return BlacklistValidator.parseKey(key).map(BlacklistValidationProcessor::scopeOf).orElse(key);
  }

  private static String scopeOf(BlacklistKey key) {
    return key.scope() == BlacklistScope.ENTERPRISE
        ? key.tenantId() + RecordKeys.SEPARATOR + "E"
        : key.tenantId() + RecordKeys.SEPARATOR + "P" + RecordKeys.SEPARATOR + key.ownerId();
  }

  @Override
  public void init(ProcessorContext<String, ConfigOutcome<BlacklistEntry>> context) {
    this.context = context;
    this.keysInForce = context.getStateStore(GroupGuardTopology.BLACKLIST_VALIDATED_STORE);
    this.scopeSizes = context.getStateStore(GroupGuardTopology.BLACKLIST_SCOPE_SIZES_STORE);
  }

  @Override
  public void process(Record<String, BlacklistEntry> record) {
    String key = record.key();
    Optional<BlacklistKey> parsed = key == null ? Optional.empty() : BlacklistValidator.parseKey(key);
    if (parsed.isEmpty()) {
      reject(record, List.of(new ConfigProblem("key",
          "expected '<tenantId>/E/<memberId>' or '<tenantId>/P/<ownerId>/<memberId>', got " + (key == null ? "no key" : "'" + key + "'"))));
      return;
    }
    String scope = scopeOf(parsed.get());
    boolean present = keysInForce.get(key) != null;
    if (record.value() == null) {
      if (present) {
        keysInForce.delete(key);
        addToScope(scope, -1);
      }
      context.forward(record.withValue(ConfigOutcome.removed()));
      return;
    }
    long othersInScope = scopeSize(scope) - (present ? 1 : 0);
    List<ConfigProblem> problems = validator.validate(key, record.value(), othersInScope);
    if (!problems.isEmpty()) {
      reject(record, problems);
      return;
    }
    if (!present) {
      keysInForce.put(key, Boolean.TRUE);
      addToScope(scope, 1);
    }
    context.forward(record.withValue(ConfigOutcome.accepted(record.value())));
  }

  private long scopeSize(String scope) {
    Long size = scopeSizes.get(scope);
    return size == null ? 0 : size;
  }

  private void addToScope(String scope, long delta) {
    long size = scopeSize(scope) + delta;
    if (size <= 0) {
      scopeSizes.delete(scope);
    } else {
      scopeSizes.put(scope, size);
    }
  }

  private void reject(Record<String, BlacklistEntry> record, List<ConfigProblem> problems) {
    BlacklistEntry entry = record.value();
    var rejection = ConfigRejections.of(sourceTopic, record.key(),
        entry == null ? null : entry.getTenantId(),
        entry == null ? null : entry.getMemberId(),
        null, problems, context.currentSystemTimeMs());
    context.forward(record.withValue(ConfigOutcome.rejected(rejection)));
  }
}
