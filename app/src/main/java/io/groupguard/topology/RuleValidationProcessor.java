package io.groupguard.topology;

import io.groupguard.avro.ModerationRule;
import io.groupguard.rules.ConfigProblem;
import io.groupguard.rules.RuleValidator;
import java.util.List;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Validates rule records against the last valid version of the same rule and the creator's
 * quota. Runs on records partitioned by tenant, so the store holds all of a tenant's rules.
 * A rejected version leaves the store, and so the rule in force, unchanged.
 */
final class RuleValidationProcessor implements Processor<String, ModerationRule, String, ConfigOutcome<ModerationRule>> {

  private final RuleValidator validator;
  private final String sourceTopic;
  private ProcessorContext<String, ConfigOutcome<ModerationRule>> context;
  private KeyValueStore<String, ModerationRule> validRules;

  RuleValidationProcessor(RuleValidator validator, String sourceTopic) {
    this.validator = validator;
    this.sourceTopic = sourceTopic;
  }

  @Override
  public void init(ProcessorContext<String, ConfigOutcome<ModerationRule>> context) {
    this.context = context;
    this.validRules = context.getStateStore(GroupGuardTopology.RULES_VALIDATED_STORE);
  }

  @Override
  public void process(Record<String, ModerationRule> record) {
    String key = record.key();
    ModerationRule candidate = record.value();
    if (key == null) {
      reject(record, null, candidate, List.of(new ConfigProblem("key", "a rule record needs the key '<tenantId>/<ruleId>'")));
      return;
    }
    if (candidate == null) {
      validRules.delete(key);
      context.forward(record.withValue(ConfigOutcome.removed()));
      return;
    }
    ModerationRule current = validRules.get(key);
    List<ConfigProblem> problems = validator.validate(key, candidate, current, otherRulesOfCreator(key, candidate));
    if (problems.isEmpty()) {
      validRules.put(key, candidate);
      context.forward(record.withValue(ConfigOutcome.accepted(candidate)));
    } else {
      reject(record, key, candidate, problems);
    }
  }

  private int otherRulesOfCreator(String key, ModerationRule candidate) {
    int count = 0;
    try (KeyValueIterator<String, ModerationRule> tenantRules =
        validRules.prefixScan(RecordKeys.tenantPrefix(candidate.getTenantId()), Serdes.String().serializer())) {
      while (tenantRules.hasNext()) {
        KeyValue<String, ModerationRule> rule = tenantRules.next();
        if (!rule.key.equals(key) && rule.value.getCreatorId().equals(candidate.getCreatorId())) {
          count++;
        }
      }
    }
    return count;
  }

  private void reject(Record<String, ModerationRule> record, String key, ModerationRule candidate, List<ConfigProblem> problems) {
    var rejection = ConfigRejections.of(sourceTopic, key,
        candidate == null ? null : candidate.getTenantId(),
        candidate == null ? null : candidate.getRuleId(),
        candidate == null ? null : candidate.getVersion(),
        problems, context.currentSystemTimeMs());
    context.forward(record.withValue(ConfigOutcome.rejected(rejection)));
  }
}
