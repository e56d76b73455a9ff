package io.groupguard.topology;

import io.groupguard.avro.Violation;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Keeps the latest violations of every group (records keyed '<tenantId>/<groupId>'), at most
 * {@link GroupGuardTopology#RECENT_VIOLATIONS_PER_GROUP}, in a {@link RecentViolationsLog}, for
 * the operators' HTTP query. Reads the violations topic, which is keyed by group, so a group's
 * violations live on the instance that owns the group's partition.
 */
final class RecentViolationsRecorder implements Processor<String, Violation, Void, Void> {

  /** Groups per task whose newest sequence is kept in memory: about 1 MB. */
  private static final int CACHED_GROUPS = 10_000;

  private RecentViolationsLog log;
  private KeyValueStore<String, Violation> store;

  @Override
  public void init(ProcessorContext<Void, Void> context) {
    store = context.getStateStore(GroupGuardTopology.RECENT_VIOLATIONS_STORE);
    // A new log each time: a revived task's store may have been restored, so remembered sequences may be stale.
    log = new RecentViolationsLog(GroupGuardTopology.RECENT_VIOLATIONS_PER_GROUP, CACHED_GROUPS);
  }

  @Override
  public void process(Record<String, Violation> record) {
    log.record(store, record.key(), record.value());
  }
}
