package io.groupguard.embedded;

import io.groupguard.config.GroupGuardConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A real single-node KRaft broker and a Schema Registry in this JVM, for the demo and local
 * runs: everything GroupGuard needs, on loopback, with throw-away state.
 */
public final class LocalStack implements AutoCloseable {

  private final EmbeddedKafkaBroker broker;
  private final EmbeddedSchemaRegistry registry;
  private final Path stateDir;

  private LocalStack(EmbeddedKafkaBroker broker, EmbeddedSchemaRegistry registry, Path stateDir) {
    this.broker = broker;
    this.registry = registry;
    this.stateDir = stateDir;
  }

  public static LocalStack start() {
    EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(null, 0);
    try {
      EmbeddedSchemaRegistry registry = EmbeddedSchemaRegistry.start("127.0.0.1", 0);
      return new LocalStack(broker, registry, Files.createTempDirectory("groupguard-state-"));
    } catch (IOException | RuntimeException e) {
      broker.close();
      throw e instanceof IOException io ? new UncheckedIOException(io) : (RuntimeException) e;
    }
  }

  public String bootstrapServers() {
    return broker.bootstrapServers();
  }

  public String schemaRegistryUrl() {
    return registry.url();
  }

  public EmbeddedKafkaBroker broker() {
    return broker;
  }

  /** Configuration pointing at this stack (one broker: replication factor 1), plus overrides. */
  public GroupGuardConfig config(String applicationId, Map<String, ?> overrides) {
    Map<String, Object> values = new HashMap<>();
    values.put(GroupGuardConfig.BOOTSTRAP_SERVERS, bootstrapServers());
    values.put(GroupGuardConfig.SCHEMA_REGISTRY_URL, schemaRegistryUrl());
    values.put(GroupGuardConfig.APPLICATION_ID, applicationId);
    values.put(GroupGuardConfig.STATE_DIR, stateDir.resolve(applicationId).toString());
    values.put(GroupGuardConfig.TOPICS_PARTITIONS, 3);
    values.put(GroupGuardConfig.TOPICS_REPLICATION_FACTOR, (short) 1);
    // Local and on a free port, so that a demo never collides with whatever holds 8080.
    values.put(GroupGuardConfig.HTTP_HOST, "127.0.0.1");
    values.put(GroupGuardConfig.HTTP_PORT, 0);
    values.putAll(overrides);
    return new GroupGuardConfig(values);
  }

  @Override
  public void close() {
    registry.close();
    broker.close();
    deleteRecursively(stateDir);
  }

  private static void deleteRecursively(Path dir) {
    try (Stream<Path> paths = Files.walk(dir)) {
      paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    } catch (IOException e) {
      // best effort: a temp dir left behind is harmless
    }
  }
}
