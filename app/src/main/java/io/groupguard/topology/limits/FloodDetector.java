package io.groupguard.topology.limits;

import io.groupguard.avro.FloodLimit;
import io.groupguard.avro.ModerationRule;
import io.groupguard.avro.ViolationKind;
import io.groupguard.rules.Finding;
import io.groupguard.topology.RecordKeys;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.state.WindowStore;

/**
 * Multi-account floods, checked where messages are partitioned by tenant and content fingerprint, so that
 * every copy of one content in any of the tenant's groups meets here. Senders are recorded per rule (its
 * scope and exempt members decide which copies count): a member a rule exempts, such as the brand's own
 * account posting an announcement everywhere, is no sender of a campaign under it.
 *
 * <p>Lateness was judged where the message entered ({@link MessageLimits} routes only messages that count):
 * this partition receives copies from every group partition, each at its own pace, so its stream time says
 * nothing about how late one copy is.
 *
 * <p>A flood limit of n distinct members flags the copy that brings the distinct senders in the window to n,
 * and every copy after it while the window holds n senders. Earlier copies are not flagged afterwards: they
 * were judged when they arrived, and one message gets one decision.
 */
public final class FloodDetector {

  private final EventLog senders;

  /** @param senders window store of member ids per tenant, rule and content fingerprint */
  public FloodDetector(WindowStore<String, String> senders) {
    this.senders = new EventLog(senders);
  }

  /** Partition key of the flood check of a content: tenant first, so that {@link RecordKeys#tenantOf} works. */
  public static String key(String tenantId, String fingerprint) {
    return RecordKeys.group(tenantId, fingerprint);
  }

  /** The fingerprint in a partition key made by {@link #key}. */
  public static String fingerprintOf(String key) {
    return key.substring(RecordKeys.tenantPrefix(RecordKeys.tenantOf(key)).length());
  }

  /**
   * FLOOD findings, in rule order, of a copy of {@code fingerprint} sent by {@code memberId} at
   * {@code eventTime}, under the {@code applying} rules.
   */
  public List<Finding> check(String tenantId, String fingerprint, String memberId, long eventTime,
      List<ModerationRule> applying) {
    List<Finding> findings = new ArrayList<>();
    for (ModerationRule rule : applying) {
      FloodLimit limit = rule.getFloodLimit();
      if (limit != null) {
        long seconds = limit.getWindowSeconds();
        WindowedLimit flood = new WindowedLimit(rule, ViolationKind.FLOOD, limit.getDistinctMembers() - 1,
            Duration.ofSeconds(seconds), limit.getDistinctMembers() + " members / " + seconds + " s",
            "at least " + limit.getDistinctMembers() + " members posted the same content (fingerprint " + fingerprint
                + ") in the tenant's groups within " + seconds + " s");
        WindowedLimit.judgeAndRecord(senders, EventLog.key(tenantId, rule.getRuleId(), fingerprint), eventTime,
            memberId, List.of(flood), findings);
      }
    }
    return findings;
  }
}
