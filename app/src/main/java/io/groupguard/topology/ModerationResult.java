package io.groupguard.topology;

import io.groupguard.avro.MessageVerdict;

/**
 * What the group-partitioned moderation made of one message: either its final verdict (keyed by
 * tenant+member), or its verdict so far (possibly still without violations, keyed by tenant+content) that
 * the flood check completes. Lives between two nodes of one sub-topology; never serialized.
 */
record ModerationResult(MessageVerdict verdict, boolean awaitsFloodCheck) {

  static ModerationResult decided(MessageVerdict verdict) {
    return new ModerationResult(verdict, false);
  }

  static ModerationResult awaitingFloodCheck(MessageVerdict verdict) {
    return new ModerationResult(verdict, true);
  }
}
