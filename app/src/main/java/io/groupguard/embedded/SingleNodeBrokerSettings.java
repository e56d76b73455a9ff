package io.groupguard.embedded;

import java.util.Map;

/**
 * Broker settings that make a one-node KRaft cluster usable for exactly-once Kafka Streams
 * and quick to start. Shared by {@link EmbeddedKafkaBroker} and the test cluster so the local
 * run and the integration tests see the same broker behaviour.
 */
public final class SingleNodeBrokerSettings {

  private SingleNodeBrokerSettings() {}

  /** Replication, partition-count and timing overrides; listeners and directories are not included. */
  public static Map<String, String> properties() {
    return Map.ofEntries(
        // Every internal topic must fit on one broker, otherwise its creation fails and
        // transactions / consumer groups never become available.
        Map.entry("offsets.topic.replication.factor", "1"),
        Map.entry("transaction.state.log.replication.factor", "1"),
        Map.entry("transaction.state.log.min.isr", "1"),
        Map.entry("share.coordinator.state.topic.replication.factor", "1"),
        Map.entry("share.coordinator.state.topic.min.isr", "1"),
        Map.entry("default.replication.factor", "1"),
        Map.entry("min.insync.replicas", "1"),
        // The default 50 partitions per internal topic cost seconds of start-up on a small machine.
        Map.entry("offsets.topic.num.partitions", "1"),
        Map.entry("transaction.state.log.num.partitions", "1"),
        Map.entry("share.coordinator.state.topic.num.partitions", "1"),
        // No waiting for more members to join: there is only ever one local application instance.
        Map.entry("group.initial.rebalance.delay.ms", "0"),
        Map.entry("group.streams.initial.rebalance.delay.ms", "0"),
        // The demo's and the tests' records carry event times of fixed past dates, and the broker stamps
        // records with them. Time-based retention (7 days by default) would delete such records at the
        // broker's first retention pass, 30 s after it starts; keep everything instead.
        Map.entry("log.retention.ms", "-1"),
        // Topics are created explicitly; a typo in a topic name should fail, not create a topic.
        Map.entry("auto.create.topics.enable", "false"),
        // Small thread pools and log-cleaner buffer (default 128 MiB) keep the footprint small.
        Map.entry("num.network.threads", "2"),
        Map.entry("num.io.threads", "2"),
        Map.entry("background.threads", "2"),
        Map.entry("log.cleaner.dedupe.buffer.size", "2097152"));
  }
}
