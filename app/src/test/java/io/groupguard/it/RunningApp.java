package io.groupguard.it;

import io.groupguard.GroupGuardApp;
import io.groupguard.config.GroupGuardConfig;
import io.groupguard.embedded.EmbeddedSchemaRegistry;
import io.groupguard.topology.Topic;
import io.groupguard.topology.Topics;
import java.nio.file.Files;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.utils.Utils;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import io.groupguard.testing.KafkaTestCluster;

/**
 * A GroupGuard instance on a test cluster, with its own application id and topic names (so
 * ITs never share state), and an embedded schema registry.
 */
final class RunningApp implements AutoCloseable {

  static final Duration TIMEOUT = Duration.ofSeconds(60);

  final KafkaTestCluster kafka;
  final EmbeddedSchemaRegistry registry;
  final GroupGuardConfig config;
  GroupGuardApp app;
  final Topics topics;

  RunningApp(KafkaTestCluster kafka, String name, Map<String, Object> overrides) throws Exception {
    this.kafka = kafka;
    this.registry = EmbeddedSchemaRegistry.start("127.0.0.1", 0);
    Map<String, Object> values = new HashMap<>(topicNames(name));
    values.put(GroupGuardConfig.BOOTSTRAP_SERVERS, kafka.bootstrapServers());
    values.put(GroupGuardConfig.SCHEMA_REGISTRY_URL, registry.url());
    values.put(GroupGuardConfig.APPLICATION_ID, "it-" + name);
    values.put(GroupGuardConfig.STATE_DIR, Files.createTempDirectory("groupguard-it-").toString());
    values.put(GroupGuardConfig.TOPICS_PARTITIONS, 3);
    values.put(GroupGuardConfig.TOPICS_REPLICATION_FACTOR, (short) 1);
    values.put(GroupGuardConfig.HTTP_HOST, "127.0.0.1");
    values.put(GroupGuardConfig.HTTP_PORT, 0); // several instances per machine
    values.putAll(overrides);
    this.config = new GroupGuardConfig(values);
    this.app = GroupGuardApp.start(config);
    this.topics = app.topics();
    await("streams RUNNING", () -> app.streams().state() == KafkaStreams.State.RUNNING);
  }

  /** Stops this instance and starts it again on the same state directory, as after a deployment. */
  void restart() throws Exception {
    restart(() -> { });
  }

  /** Like {@link #restart()}, doing {@code whileStopped} (to the state directory, say) before the start. */
  void restart(WhileStopped whileStopped) throws Exception {
    app.close();
    whileStopped.run();
    app = GroupGuardApp.start(config);
    await("streams RUNNING after restart", () -> app.streams().state() == KafkaStreams.State.RUNNING);
  }

  interface WhileStopped {
    void run() throws Exception;
  }

  /** Every topic name prefixed with the test's name. */
  static Map<String, Object> topicNames(String name) {
    Map<String, Object> names = new HashMap<>();
    GroupGuardConfig.DEFINITION.names().stream().filter(key -> key.startsWith("topic."))
        .forEach(key -> names.put(key, name + "." + GroupGuardConfig.DEFINITION.configKeys().get(key).defaultValue));
    return names;
  }

  <V> void produce(Topic<String, V> topic, List<KeyValue<String, V>> records) {
    kafka.produce(topic.name(), topic.keySerde().serializer(), topic.valueSerde().serializer(), records);
  }

  <V> List<ConsumerRecord<String, V>> consumeUntil(Topic<String, V> topic, Predicate<List<ConsumerRecord<String, V>>> done) {
    return kafka.consumeUntil(topic.name(), topic.keySerde().deserializer(), topic.valueSerde().deserializer(), done, TIMEOUT);
  }

  /** Waits until the key is in the named global store of this instance. */
  void awaitInStore(String storeName, String key) {
    await(key + " in " + storeName, () -> app.streams()
        .store(StoreQueryParameters.fromNameAndType(storeName, QueryableStoreTypes.<String, Object>keyValueStore()))
        .get(key) != null);
  }

  static void await(String what, BooleanSupplier condition) {
    await(what, condition, TIMEOUT);
  }

  static void await(String what, BooleanSupplier condition, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out after " + timeout + " waiting for " + what);
      }
      try {
        Thread.sleep(50); // polling interval of the condition, not a wait for an outcome
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted waiting for " + what, e);
      }
    }
  }

  @Override
  public void close() throws Exception {
    app.close();
    registry.close();
    Utils.delete(new java.io.File(config.getString(GroupGuardConfig.STATE_DIR)));
  }
}
