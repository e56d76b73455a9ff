package io.groupguard.embedded;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import io.groupguard.ops.TopicCreator;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A single-node Kafka cluster running inside this JVM: one KRaft process acting as both broker
 * and controller, listening on 127.0.0.1 only, configured so that transactions (exactly-once
 * Kafka Streams) work with replication factor 1.
 *
 * <p>Meant for the local demo run, not for production traffic.
 */
public final class EmbeddedKafkaBroker implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedKafkaBroker.class);

  private static final String HOST = "127.0.0.1";
  private static final int NODE_ID = 1;
  private static final String BROKER_LISTENER = "PLAINTEXT";
  private static final String CONTROLLER_LISTENER = "CONTROLLER";
  private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);
  private static final Duration TOPIC_TIMEOUT = Duration.ofSeconds(30);

  private final KafkaRaftServer server;
  private final Admin admin;
  private final String bootstrapServers;
  private final Path dataDir;
  private final boolean deleteDataDirOnClose;
  private boolean closed;

  private EmbeddedKafkaBroker(
      KafkaRaftServer server,
      Admin admin,
      String bootstrapServers,
      Path dataDir,
      boolean deleteDataDirOnClose) {
    this.server = server;
    this.admin = admin;
    this.bootstrapServers = bootstrapServers;
    this.dataDir = dataDir;
    this.deleteDataDirOnClose = deleteDataDirOnClose;
  }

  /**
   * Formats the storage if needed, starts the broker and waits until it serves clients.
   *
   * @param dataDir where topics and cluster metadata live; kept across restarts. {@code null}
   *     uses a fresh temporary directory that {@link #close()} deletes.
   * @param port the client port on 127.0.0.1; {@code 0} picks a free one.
   * @throws IllegalStateException if the broker does not start (for example the port is taken).
   */
  public static EmbeddedKafkaBroker start(Path dataDir, int port) {
    if (port < 0 || port > 65_535) {
      throw new IllegalArgumentException("port must be between 0 and 65535, was " + port);
    }
    boolean temporary = dataDir == null;
    Path dir = temporary ? createTempDir() : createDir(dataDir);
    int brokerPort = port == 0 ? freePort() : port;
    String bootstrapServers = HOST + ":" + brokerPort;
    long startNanos = System.nanoTime();

    KafkaRaftServer server = null;
    Admin admin = null;
    try {
      Map<String, String> properties = brokerProperties(dir, brokerPort, freePort());
      formatStorageIfNeeded(dir, properties);
      KafkaConfig config = new KafkaConfig(properties, false);
      server = new KafkaRaftServer(config, Time.SYSTEM);
      server.startup();
      admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers));
      EmbeddedKafkaBroker broker =
          new EmbeddedKafkaBroker(server, admin, bootstrapServers, dir, temporary);
      broker.awaitReady();
      LOG.info(
          "Embedded Kafka broker ready on {} (data in {}) after {} ms",
          bootstrapServers,
          dir,
          TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos));
      return broker;
    } catch (Exception e) {
      if (admin != null) {
        admin.close(Duration.ZERO);
      }
      if (server != null) {
        stopQuietly(server);
      }
      if (temporary) {
        deleteRecursively(dir);
      }
      throw new IllegalStateException(
          "Embedded Kafka broker failed to start on " + bootstrapServers + " with data in " + dir
              + ": " + rootCauseMessage(e),
          e);
    }
  }

  /** The {@code host:port} clients connect to. */
  public String bootstrapServers() {
    return bootstrapServers;
  }

  /** Where topics and cluster metadata are stored. */
  public Path dataDir() {
    return dataDir;
  }

  /**
   * Creates the topics that do not exist yet and waits until every partition has a leader, so
   * producers and Kafka Streams can use them right away. Existing topics are left as they are.
   */
  public void createTopics(Collection<NewTopic> topics) {
    new TopicCreator(admin, TOPIC_TIMEOUT).createMissing(topics);
  }

  /** Stops the broker and deletes the data directory if it was a temporary one. Idempotent. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    long stopNanos = System.nanoTime();
    admin.close(Duration.ofSeconds(5));
    stopQuietly(server);
    if (deleteDataDirOnClose) {
      deleteRecursively(dataDir);
    }
    LOG.info(
        "Embedded Kafka broker on {} stopped after {} ms",
        bootstrapServers,
        TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - stopNanos));
  }

  private static Map<String, String> brokerProperties(Path dir, int brokerPort, int controllerPort) {
    Map<String, String> props = new HashMap<>(SingleNodeBrokerSettings.properties());
    props.put("process.roles", "broker,controller");
    props.put("node.id", Integer.toString(NODE_ID));
    props.put("controller.quorum.voters", NODE_ID + "@" + HOST + ":" + controllerPort);
    props.put("controller.listener.names", CONTROLLER_LISTENER);
    props.put("inter.broker.listener.name", BROKER_LISTENER);
    props.put(
        "listeners",
        BROKER_LISTENER + "://" + HOST + ":" + brokerPort + ","
            + CONTROLLER_LISTENER + "://" + HOST + ":" + controllerPort);
    props.put("advertised.listeners", BROKER_LISTENER + "://" + HOST + ":" + brokerPort);
    props.put(
        "listener.security.protocol.map",
        BROKER_LISTENER + ":PLAINTEXT," + CONTROLLER_LISTENER + ":PLAINTEXT");
    props.put("log.dirs", dir.toString());
    props.put("metadata.log.dir", dir.toString());
    return props;
  }

  /**
   * Formats a new directory with a random cluster id through Kafka's own storage tool. A directory
   * formatted by an earlier run keeps its cluster id and data, which is what makes {@code dataDir}
   * survive restarts.
   */
  private static void formatStorageIfNeeded(Path dir, Map<String, String> brokerProperties)
      throws IOException {
    if (Files.exists(dir.resolve("meta.properties"))) {
      return;
    }
    Path configFile = Files.createTempFile("groupguard-kafka-", ".properties");
    try {
      Properties properties = new Properties();
      properties.putAll(brokerProperties);
      try (Writer writer = Files.newBufferedWriter(configFile)) {
        properties.store(writer, "Embedded GroupGuard broker");
      }
      ByteArrayOutputStream toolOutput = new ByteArrayOutputStream();
      String[] args = {"format", "--config", configFile.toString(), "--cluster-id", Uuid.randomUuid().toString()};
      int exitCode = StorageTool.execute(args, new PrintStream(toolOutput, true, StandardCharsets.UTF_8));
      if (exitCode != 0) {
        throw new IllegalStateException(
            "Formatting " + dir + " failed: " + toolOutput.toString(StandardCharsets.UTF_8));
      }
    } finally {
      Files.deleteIfExists(configFile);
    }
  }

  private void awaitReady() throws Exception {
    int brokers =
        admin.describeCluster().nodes().get(READY_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).size();
    if (brokers != 1) {
      throw new IllegalStateException("Expected one live broker, cluster reports " + brokers);
    }
  }

  private static void stopQuietly(KafkaRaftServer server) {
    try {
      server.shutdown();
      server.awaitShutdown();
    } catch (RuntimeException e) {
      LOG.warn("Embedded Kafka broker did not shut down cleanly", e);
    }
  }

  /** Asks the OS for a free port; another process could take it before Kafka binds, which is rare. */
  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(HOST))) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("Could not find a free port on " + HOST, e);
    }
  }

  private static Path createTempDir() {
    try {
      return Files.createTempDirectory("groupguard-kafka-");
    } catch (IOException e) {
      throw new UncheckedIOException("Could not create a temporary Kafka data directory", e);
    }
  }

  private static Path createDir(Path dir) {
    try {
      return Files.createDirectories(dir);
    } catch (IOException e) {
      throw new UncheckedIOException("Could not create Kafka data directory " + dir, e);
    }
  }

  private static void deleteRecursively(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(path);
      }
    } catch (IOException e) {
      LOG.warn("Could not delete Kafka data directory {}", dir, e);
    }
  }

  private static String rootCauseMessage(Throwable e) {
    Throwable cause = e;
    while (cause.getCause() != null && cause.getCause() != cause) {
      cause = cause.getCause();
    }
    return cause.getClass().getSimpleName() + ": " + cause.getMessage();
  }
}
