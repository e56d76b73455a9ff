package io.groupguard.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.groupguard.config.GroupGuardConfig;
import io.groupguard.embedded.EmbeddedSchemaRegistry;
import io.groupguard.testing.KafkaTestCluster;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code groupguard run} stops within its shutdown timeout after SIGTERM even when the brokers are gone, so a
 * Kubernetes termination grace period just above it is never cut short by SIGKILL.
 */
class ShutdownIT {

  private static final Logger LOG = LoggerFactory.getLogger(ShutdownIT.class);
  private static final long SHUTDOWN_TIMEOUT_MS = 8_000;
  /** The timeout plus the JVM's own exit; docs/operations.md states the same bound. */
  private static final Duration STOP_BOUND = Duration.ofSeconds(10);
  /** Exit status of a JVM that ended on SIGTERM after its shutdown hooks ran (128 + 15). */
  private static final int SIGTERM_EXIT = 143;

  @TempDir
  Path workDir;

  @Test
  void sigtermWithTheBrokerGoneStopsWithinTheShutdownTimeout() throws Exception {
    KafkaTestCluster kafka = new KafkaTestCluster();
    kafka.start();
    try (EmbeddedSchemaRegistry registry = EmbeddedSchemaRegistry.start("127.0.0.1", 0);
        AppProcess app = new AppProcess("shutdown", config(kafka, registry), workDir)) {
      app.start();
      RunningApp.await("the instance started (see " + app.logFile() + ")",
          () -> app.logContains("GroupGuard it-shutdown started"), Duration.ofMinutes(2));
      kafka.close();

      long stopNanos = System.nanoTime();
      int exitStatus = app.stop();
      Duration stopped = Duration.ofNanos(System.nanoTime() - stopNanos);
      LOG.info("groupguard run exited {} ms after SIGTERM with the broker gone", stopped.toMillis());
      assertThat(exitStatus).isEqualTo(SIGTERM_EXIT);
      assertThat(stopped).isLessThan(STOP_BOUND);
    } finally {
      kafka.close();
    }
  }

  private Map<String, Object> config(KafkaTestCluster kafka, EmbeddedSchemaRegistry registry) throws Exception {
    Map<String, Object> config = new HashMap<>(RunningApp.topicNames("shutdown"));
    config.put(GroupGuardConfig.BOOTSTRAP_SERVERS, kafka.bootstrapServers());
    config.put(GroupGuardConfig.SCHEMA_REGISTRY_URL, registry.url());
    config.put(GroupGuardConfig.APPLICATION_ID, "it-shutdown");
    config.put(GroupGuardConfig.STATE_DIR, Files.createDirectories(workDir.resolve("state")).toString());
    config.put(GroupGuardConfig.TOPICS_PARTITIONS, 1);
    config.put(GroupGuardConfig.TOPICS_REPLICATION_FACTOR, "1");
    config.put(GroupGuardConfig.HTTP_HOST, "127.0.0.1");
    config.put(GroupGuardConfig.HTTP_PORT, 0);
    config.put(GroupGuardConfig.SHUTDOWN_TIMEOUT_MS, SHUTDOWN_TIMEOUT_MS);
    return config;
  }
}
