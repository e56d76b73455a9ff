package io.groupguard.testing;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import io.groupguard.embedded.SingleNodeBrokerSettings;
import io.groupguard.ops.TopicCreator;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;
import org.apache.kafka.metadata.bootstrap.BootstrapMetadata;
import org.apache.kafka.server.common.Feature;
import org.apache.kafka.server.common.MetadataVersion;
import org.apache.kafka.streams.KeyValue;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A one-node KRaft cluster (combined broker and controller) for integration tests, built on
 * Kafka's own {@link KafkaClusterTestKit} and configured like the embedded demo broker, so
 * exactly-once works with replication factor 1.
 *
 * <pre>{@code
 * @RegisterExtension
 * static final KafkaTestCluster KAFKA = new KafkaTestCluster();
 * }</pre>
 *
 * <p>The extension starts the cluster before the test class and stops it after; outside JUnit,
 * call {@link #start()} and {@link #close()}.
 */
public final class KafkaTestCluster implements BeforeAllCallback, AfterAllCallback, AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(KafkaTestCluster.class);
  private static final Duration TOPIC_TIMEOUT = Duration.ofSeconds(30);
  /** How often the test broker applies retention. */
  public static final Duration RETENTION_CHECK_INTERVAL = Duration.ofSeconds(1);

  private KafkaClusterTestKit cluster;

  /** Formats, starts and waits until the broker is registered and unfenced. */
  public void start() throws Exception {
    if (cluster != null) {
      throw new IllegalStateException("Cluster already started on " + bootstrapServers());
    }
    TestKitNodes nodes = new TestKitNodes.Builder(productionBootstrapMetadata())
        .setCombined(true)
        .setNumBrokerNodes(1)
        .setNumControllerNodes(1)
        .build();
    long startNanos = System.nanoTime();
    KafkaClusterTestKit.Builder builder = new KafkaClusterTestKit.Builder(nodes);
    SingleNodeBrokerSettings.properties().forEach(builder::setConfigProp);
    // The test kit enables unreleased APIs by default; test against what production brokers offer.
    builder.setConfigProp("unstable.api.versions.enable", "false");
    builder.setConfigProp("unstable.feature.versions.enable", "false");
    // A retention pass every second instead of every 5 minutes: a test whose records retention would
    // delete fails at once, not only when it happens to run long.
    builder.setConfigProp("log.retention.check.interval.ms", String.valueOf(RETENTION_CHECK_INTERVAL.toMillis()));
    KafkaClusterTestKit started = builder.build();
    try {
      started.format();
      started.startup();
      started.waitForReadyBrokers();
    } catch (Exception e) {
      started.close();
      throw e;
    }
    cluster = started;
    LOG.info("Kafka test cluster ready on {} after {} ms", started.bootstrapServers(), millisSince(startNanos));
  }

  public String bootstrapServers() {
    return running().bootstrapServers();
  }

  /** Creates the topics that do not exist yet and waits until all their partitions have leaders. */
  public void createTopics(NewTopic... topics) {
    try (Admin admin = running().admin()) {
      new TopicCreator(admin, TOPIC_TIMEOUT).createMissing(List.of(topics));
    }
  }

  /** See {@link KafkaTestClients#produce}. */
  public <K, V> void produce(
      String topic, Serializer<K> keySerializer, Serializer<V> valueSerializer, List<KeyValue<K, V>> records) {
    clients().produce(topic, keySerializer, valueSerializer, records);
  }

  /** Reads {@code read_committed} from the beginning until {@code done} holds; see {@link KafkaTestClients}. */
  public <K, V> List<ConsumerRecord<K, V>> consumeUntil(
      String topic,
      Deserializer<K> keyDeserializer,
      Deserializer<V> valueDeserializer,
      Predicate<List<ConsumerRecord<K, V>>> done,
      Duration timeout) {
    return clients().consumeUntil(topic, keyDeserializer, valueDeserializer, done, timeout);
  }

  /** Stops the cluster and deletes its directories. Safe to call when not started. */
  @Override
  public void close() throws Exception {
    if (cluster != null) {
      KafkaClusterTestKit stopping = cluster;
      cluster = null;
      long stopNanos = System.nanoTime();
      stopping.close();
      LOG.info("Kafka test cluster stopped after {} ms", millisSince(stopNanos));
    }
  }

  @Override
  public void beforeAll(ExtensionContext context) throws Exception {
    start();
  }

  @Override
  public void afterAll(ExtensionContext context) throws Exception {
    close();
  }

  private KafkaClusterTestKit running() {
    if (cluster == null) {
      throw new IllegalStateException("Kafka test cluster is not running; call start() first");
    }
    return cluster;
  }

  private static long millisSince(long startNanos) {
    return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos);
  }

  private KafkaTestClients clients() {
    return new KafkaTestClients(bootstrapServers());
  }

  /**
   * The test kit bootstraps with the newest, possibly unreleased metadata version; use the newest
   * production one and its default feature levels (transaction.version 2 for exactly-once v2).
   */
  private static BootstrapMetadata productionBootstrapMetadata() {
    MetadataVersion version = MetadataVersion.latestProduction();
    Map<String, Short> featureLevels = Feature.PRODUCTION_FEATURES.stream()
        .collect(Collectors.toMap(Feature::featureName, feature -> feature.defaultLevel(version)));
    return BootstrapMetadata.fromVersions(version, featureLevels, "groupguard-tests");
  }
}
