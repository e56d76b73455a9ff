package io.groupguard.topology.limits;

import io.groupguard.avro.ModerationRule;
import io.groupguard.avro.ViolationKind;
import io.groupguard.rules.Finding;
import java.time.Duration;
import java.util.List;

/**
 * One limit of one rule: the event being judged breaks it when at least {@code othersToBreak} other events
 * (other messages, other copies, other members) lie in the trailing {@code window}.
 *
 * @param rule          the rule the limit belongs to
 * @param kind          RATE_LIMIT, DUPLICATE or FLOOD
 * @param othersToBreak other events in the window that make this one break the limit
 * @param window        length of the window
 * @param pattern       the limit as operators wrote it, e.g. "5 messages / 60 s"
 * @param detail        operator-facing explanation of a violation
 */
record WindowedLimit(ModerationRule rule, ViolationKind kind, int othersToBreak, Duration window, String pattern,
    String detail) {

  /**
   * Judges the event {@code self} at {@code eventTime} against every limit watching {@code key}, adding a
   * finding per broken limit, then records it once, so that it counts toward the events after it.
   */
  static void judgeAndRecord(EventLog log, String key, long eventTime, String self, List<WindowedLimit> limits,
      List<Finding> findings) {
    if (limits.isEmpty()) {
      return;
    }
    for (WindowedLimit limit : limits) {
      if (log.countOthers(key, eventTime, limit.window(), self, limit.othersToBreak()) >= limit.othersToBreak()) {
        findings.add(new Finding(limit.kind(), limit.rule(), null, limit.pattern(), -1, -1, limit.detail()));
      }
    }
    log.record(key, eventTime, self);
  }
}
