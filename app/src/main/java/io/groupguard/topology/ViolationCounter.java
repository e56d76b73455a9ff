package io.groupguard.topology;

import io.groupguard.avro.Violation;
import io.groupguard.avro.ViolationCount;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.TimestampedKeyValueStore;
import org.apache.kafka.streams.state.ValueAndTimestamp;

/**
 * The analysts' counts per tenant, group, kind, rule and window of message time, kept on the
 * group's own partition of the violations topic: every part of the count key lies within the
 * group, so counting needs no repartition (the DSL's count would repartition on the new key).
 *
 * <p>A window's counts are emitted once, when the task's stream time has passed the window's end
 * plus the grace, and then deleted; a violation for a window already closed is dropped (as the
 * DSL's count drops records after the grace). Each count is emitted with the timestamp of the
 * window's latest violation. Store keys start with the window start as 16 hex digits with the
 * sign bit flipped, so text order is time order and the closed windows come first.
 */
final class ViolationCounter implements Processor<String, Violation, String, ViolationCount> {

  private static final long NO_WINDOW = Long.MAX_VALUE;
  private static final int START_DIGITS = 16;

  private final long windowMs;
  private final long graceMs;
  private ProcessorContext<String, ViolationCount> context;
  private TimestampedKeyValueStore<String, Long> counts;
  /** Start of the earliest window in the store, so that most records need no scan for closed windows. */
  private long earliestStart;

  ViolationCounter(Duration window, Duration grace) {
    this.windowMs = window.toMillis();
    this.graceMs = grace.toMillis();
  }

  @Override
  public void init(ProcessorContext<String, ViolationCount> context) {
    this.context = context;
    this.counts = context.getStateStore(GroupGuardTopology.VIOLATION_COUNTS_STORE);
    try (KeyValueIterator<String, ValueAndTimestamp<Long>> stored = counts.all()) {
      earliestStart = stored.hasNext() ? startOf(stored.peekNextKey()) : NO_WINDOW;
    }
  }

  @Override
  public void process(Record<String, Violation> record) {
    long closedUpTo = context.currentStreamTimeMs() - graceMs; // windows ending by then are closed
    long start = record.timestamp() - Math.floorMod(record.timestamp(), windowMs);
    if (start + windowMs > closedUpTo) {
      String key = storeKey(start, ViolationCountKey.of(record.value()).format());
      ValueAndTimestamp<Long> counted = counts.get(key);
      counts.put(key, counted == null ? ValueAndTimestamp.make(1L, record.timestamp())
          : ValueAndTimestamp.make(counted.value() + 1, Math.max(counted.timestamp(), record.timestamp())));
      earliestStart = Math.min(earliestStart, start);
    }
    if (earliestStart + windowMs <= closedUpTo) {
      emitClosed(closedUpTo);
    }
  }

  private void emitClosed(long closedUpTo) {
    List<String> emitted = new ArrayList<>();
    earliestStart = NO_WINDOW;
    try (KeyValueIterator<String, ValueAndTimestamp<Long>> stored = counts.all()) {
      while (stored.hasNext()) {
        KeyValue<String, ValueAndTimestamp<Long>> entry = stored.next();
        long start = startOf(entry.key);
        if (start + windowMs > closedUpTo) {
          earliestStart = start;
          break;
        }
        ViolationCountKey countKey = ViolationCountKey.parse(entry.key.substring(START_DIGITS + 1));
        context.forward(new Record<>(RecordKeys.group(countKey.tenantId(), countKey.groupId()),
            count(countKey, start, entry.value.value()), entry.value.timestamp()));
        emitted.add(entry.key);
      }
    }
    emitted.forEach(counts::delete);
  }

  private ViolationCount count(ViolationCountKey key, long start, long count) {
    return ViolationCount.newBuilder()
        .setTenantId(key.tenantId())
        .setGroupId(key.groupId())
        .setKind(key.kind())
        .setRuleId(key.ruleId())
        .setWindowStart(Instant.ofEpochMilli(start))
        .setWindowEnd(Instant.ofEpochMilli(start + windowMs))
        .setCount(count)
        .build();
  }

  /** '<window start, 16 hex digits, sign bit flipped>/<count key>'. */
  static String storeKey(long windowStart, String countKey) {
    String digits = Long.toHexString(windowStart ^ Long.MIN_VALUE);
    return "0".repeat(START_DIGITS - digits.length()) + digits + RecordKeys.SEPARATOR + countKey;
  }

  static long startOf(String storeKey) {
    return Long.parseUnsignedLong(storeKey.substring(0, START_DIGITS), 16) ^ Long.MIN_VALUE;
  }
}
