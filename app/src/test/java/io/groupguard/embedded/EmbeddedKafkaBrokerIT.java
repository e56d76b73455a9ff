package io.groupguard.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.groupguard.testing.KafkaTestClients;
import io.groupguard.testing.ReadCommittedContract;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedKafkaBrokerIT extends ReadCommittedContract {

  private static final Duration TIMEOUT = Duration.ofSeconds(20);

  private static EmbeddedKafkaBroker broker;

  @BeforeAll
  static void startBroker() {
    broker = EmbeddedKafkaBroker.start(null, 0);
  }

  @AfterAll
  static void stopBroker() {
    broker.close();
  }

  @Override
  protected KafkaTestClients clients() {
    return new KafkaTestClients(broker.bootstrapServers());
  }

  @Override
  protected void createTopics(NewTopic... topics) {
    broker.createTopics(List.of(topics));
  }

  @Test
  void listensOnLoopbackOnly() {
    assertThat(broker.bootstrapServers()).startsWith("127.0.0.1:");
  }

  @Test
  void creatingAnExistingTopicLeavesItUnchanged() throws Exception {
    broker.createTopics(List.of(new NewTopic("embedded-it-idempotent", 2, (short) 1)));
    broker.createTopics(List.of(new NewTopic("embedded-it-idempotent", 5, (short) 1)));

    try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()))) {
      int partitions = admin.describeTopics(List.of("embedded-it-idempotent")).allTopicNames()
          .get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).get("embedded-it-idempotent").partitions().size();
      assertThat(partitions).isEqualTo(2);
    }
  }

  @Test
  void closeReleasesThePortAndDeletesTheTemporaryDirectory() throws IOException {
    EmbeddedKafkaBroker temporary = EmbeddedKafkaBroker.start(null, 0);
    Path dataDir = temporary.dataDir();
    int port = port(temporary);
    assertThat(dataDir).isDirectory();

    temporary.close();

    assertThat(dataDir).doesNotExist();
    try (ServerSocket rebound = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
      assertThat(rebound.getLocalPort()).isEqualTo(port);
    }
  }

  @Test
  void aGivenDataDirectoryKeepsTopicsAndRecordsAcrossRestarts(@TempDir Path dataDir) {
    String topic = "embedded-it-restart";
    try (EmbeddedKafkaBroker first = EmbeddedKafkaBroker.start(dataDir, 0)) {
      first.createTopics(List.of(new NewTopic(topic, 1, (short) 1)));
      new KafkaTestClients(first.bootstrapServers())
          .produce(topic, new StringSerializer(), new StringSerializer(), List.of(KeyValue.pair("k", "kept")));
    }
    assertThat(dataDir).isDirectory();

    try (EmbeddedKafkaBroker second = EmbeddedKafkaBroker.start(dataDir, 0)) {
      var read = new KafkaTestClients(second.bootstrapServers()).consumeUntil(
          topic, new StringDeserializer(), new StringDeserializer(), records -> !records.isEmpty(), TIMEOUT);
      assertThat(read).singleElement().satisfies(record -> assertThat(record.value()).isEqualTo("kept"));
    }
  }

  @Test
  void startFailsWithAClearMessageWhenThePortIsTaken(@TempDir Path dataDir) throws IOException {
    try (ServerSocket occupied = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      int port = occupied.getLocalPort();

      assertThatThrownBy(() -> EmbeddedKafkaBroker.start(dataDir, port))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("127.0.0.1:" + port)
          .hasMessageContaining("Address already in use");
    }
  }

  private static int port(EmbeddedKafkaBroker broker) {
    String bootstrapServers = broker.bootstrapServers();
    return Integer.parseInt(bootstrapServers.substring(bootstrapServers.lastIndexOf(':') + 1));
  }
}
