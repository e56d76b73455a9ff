package io.groupguard.topology;

import io.groupguard.avro.RecentViolations;
import io.groupguard.avro.Violation;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Keeps the latest violations of every group (records keyed '<tenantId>/<groupId>'), at most
 * {@link GroupGuardTopology#RECENT_VIOLATIONS_PER_GROUP}, oldest first, for the operators' HTTP
 * query. Runs in the message sub-topology, so a group's list lives on the instance that owns
 * the group's messages.
 */
final class RecentViolationsRecorder implements Processor<String, Violation, Void, Void> {

  private KeyValueStore<String, RecentViolations> store;

  @Override
  public void init(ProcessorContext<Void, Void> context) {
    store = context.getStateStore(GroupGuardTopology.RECENT_VIOLATIONS_STORE);
  }

  @Override
  public void process(Record<String, Violation> record) {
    RecentViolations previous = store.get(record.key());
    List<Violation> violations = new ArrayList<>(previous == null ? List.of() : previous.getViolations());
    violations.add(record.value());
    if (violations.size() > GroupGuardTopology.RECENT_VIOLATIONS_PER_GROUP) {
      violations.subList(0, violations.size() - GroupGuardTopology.RECENT_VIOLATIONS_PER_GROUP).clear();
    }
    store.put(record.key(), new RecentViolations(violations));
  }
}
