package io.groupguard.topology.limits;

import io.groupguard.avro.ChatMessage;
import io.groupguard.avro.DuplicateLimit;
import io.groupguard.avro.ModerationRule;
import io.groupguard.avro.RateLimit;
import io.groupguard.avro.ViolationKind;
import io.groupguard.rules.Finding;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.streams.state.WindowStore;

/**
 * The limits checked where messages are partitioned by group: rate and duplicate limits of a member in one
 * group, and whether the message must also go to the flood check (and under which partition key).
 *
 * <p>Callers pass the rules that apply to the message (in scope, enabled, sender not exempt), so a member a
 * rule exempts is neither judged nor counted by it. Every counted message is recorded, whether it broke a
 * limit or not: a removed message was still sent. A limit of n messages (or copies) breaks at the (n+1)-th
 * in the window; the first copy of a content therefore always stays.
 */
public final class MessageLimits {

  /**
   * What the limits made of one message.
   *
   * @param findings rate and duplicate findings, in rule order
   * @param floodKey partition key of the flood check, when a flood limit applies and the message has content
   */
  public record Outcome(List<Finding> findings, Optional<String> floodKey) {

    private static final Outcome NOTHING = new Outcome(List.of(), Optional.empty());
  }

  private final EventLog messages;
  private final EventLog copies;
  private final LimitWindows windows;

  /**
   * @param messages window store of message ids per tenant, group and member
   * @param copies   window store of message ids per tenant, group, member and content fingerprint
   */
  public MessageLimits(WindowStore<String, String> messages, WindowStore<String, String> copies, LimitWindows windows) {
    this.messages = new EventLog(messages);
    this.copies = new EventLog(copies);
    this.windows = windows;
  }

  /** Judges {@code message} under the {@code applying} rules; {@code streamTime} is its partition's latest sendTime. */
  public Outcome check(ChatMessage message, List<ModerationRule> applying, long streamTime) {
    long eventTime = message.getSendTime().toEpochMilli();
    if (applying.isEmpty() || !windows.counts(eventTime, streamTime)) {
      return Outcome.NOTHING;
    }
    List<Finding> findings = new ArrayList<>();
    String memberKey = EventLog.key(message.getTenantId(), message.getGroupId(), message.getSenderId());
    WindowedLimit.judgeAndRecord(messages, memberKey, eventTime, message.getMessageId(), rateLimits(applying), findings);
    boolean contentLimited = applying.stream()
        .anyMatch(rule -> rule.getDuplicateLimit() != null || rule.getFloodLimit() != null);
    Optional<String> fingerprint = contentLimited ? ContentFingerprint.of(message) : Optional.empty();
    fingerprint.ifPresent(content -> WindowedLimit.judgeAndRecord(copies, EventLog.key(memberKey, content), eventTime,
        message.getMessageId(), duplicateLimits(applying, content), findings));
    Optional<String> floodKey = fingerprint
        .filter(content -> applying.stream().anyMatch(rule -> rule.getFloodLimit() != null))
        .map(content -> FloodDetector.key(message.getTenantId(), content));
    return new Outcome(findings, floodKey);
  }

  private static List<WindowedLimit> rateLimits(List<ModerationRule> rules) {
    List<WindowedLimit> limits = new ArrayList<>(1);
    for (ModerationRule rule : rules) {
      RateLimit limit = rule.getRateLimit();
      if (limit != null) {
        long seconds = limit.getWindowSeconds();
        limits.add(new WindowedLimit(rule, ViolationKind.RATE_LIMIT, limit.getMaxMessages(), Duration.ofSeconds(seconds),
            limit.getMaxMessages() + " messages / " + seconds + " s",
            "more than " + limit.getMaxMessages() + " messages of the member in this group within " + seconds + " s"));
      }
    }
    return limits;
  }

  private static List<WindowedLimit> duplicateLimits(List<ModerationRule> rules, String fingerprint) {
    List<WindowedLimit> limits = new ArrayList<>(1);
    for (ModerationRule rule : rules) {
      DuplicateLimit limit = rule.getDuplicateLimit();
      if (limit != null) {
        long seconds = limit.getWindowSeconds();
        limits.add(new WindowedLimit(rule, ViolationKind.DUPLICATE, limit.getMaxCopies(), Duration.ofSeconds(seconds),
            limit.getMaxCopies() + " copies / " + seconds + " s",
            "more than " + limit.getMaxCopies() + " copies of the same content (fingerprint " + fingerprint
                + ") from the member in this group within " + seconds + " s"));
      }
    }
    return limits;
  }
}
