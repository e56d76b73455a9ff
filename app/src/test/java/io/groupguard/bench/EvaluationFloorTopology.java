package io.groupguard.bench;

import io.groupguard.avro.ChatMessage;
import io.groupguard.rules.TenantRuleSet;
import io.groupguard.topology.Topic;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.Record;

/**
 * The least any moderation of these messages must do: read each with GroupGuard's serde and
 * evaluate it against its tenant's compiled rules. Nothing else: no blacklist, mutes, limits,
 * enforcement or state, and no output (only the offsets are committed). Its throughput bounds
 * from above what any topology built on this matcher can reach next to the pass-through.
 */
final class EvaluationFloorTopology {

  private EvaluationFloorTopology() {
  }

  /**
   * @param ruleSets compiled rules by tenant id
   * @param withFindings counts the messages that had at least one finding (and keeps the evaluation from being optimised away)
   */
  static Topology build(Topic<String, ChatMessage> input, Map<String, TenantRuleSet> ruleSets, LongAdder withFindings) {
    StreamsBuilder builder = new StreamsBuilder();
    builder.stream(input.name(), input.consumed("evaluation-floor-source"))
        .process(() -> new Processor<String, ChatMessage, Void, Void>() {
          @Override
          public void process(Record<String, ChatMessage> record) {
            if (!ruleSets.get(record.value().getTenantId()).evaluate(record.value()).isEmpty()) {
              withFindings.increment();
            }
          }
        }, Named.as("evaluation-floor"));
    return builder.build();
  }
}
