package io.groupguard.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.groupguard.avro.ChatMessage;
import io.groupguard.avro.ModerationRule;
import io.groupguard.embedded.EmbeddedSchemaRegistry;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class RestSchemaRegistryClientTest {

  private static final Duration TIMEOUT = Duration.ofSeconds(5);

  @Test
  void sendsBasicAuthWhenGivenUserInfo() {
    try (var registry = EmbeddedSchemaRegistry.start("127.0.0.1", 0, "alice:s3cret");
        var client = new RestSchemaRegistryClient(registry.url(), "alice:s3cret", TIMEOUT)) {
      int id = client.register("chat.messages-value", ChatMessage.getClassSchema());

      assertThat(client.getById(id)).isEqualTo(ChatMessage.getClassSchema());
    }
  }

  @Test
  void reportsRejectedCredentials() {
    try (var registry = EmbeddedSchemaRegistry.start("127.0.0.1", 0, "alice:s3cret");
        var anonymous = new RestSchemaRegistryClient(registry.url(), null, TIMEOUT);
        var wrong = new RestSchemaRegistryClient(registry.url(), "alice:guess", TIMEOUT)) {
      for (var client : new RestSchemaRegistryClient[] {anonymous, wrong}) {
        assertThatThrownBy(() -> client.getById(1))
            .isInstanceOf(SchemaRegistryException.class)
            .hasMessageContaining("GET " + registry.url() + "/schemas/ids/1 answered HTTP 401")
            .hasMessageContaining("Unauthorized");
      }
    }
  }

  @Test
  void registeringTwiceGivesTheSameIdFromTheCache() {
    SchemaRegistryClient client;
    int id;
    try (var registry = EmbeddedSchemaRegistry.start("127.0.0.1", 0)) {
      client = new RestSchemaRegistryClient(registry.url(), null, TIMEOUT);
      id = client.register("rules-value", ModerationRule.getClassSchema());
    }
    // The registry is gone: only the cache can answer now.
    assertThat(client.register("rules-value", ModerationRule.getClassSchema())).isEqualTo(id);
    assertThat(client.getById(id)).isEqualTo(ModerationRule.getClassSchema());
  }

  @Test
  void failsOverToTheNextUrlWhenOneIsUnreachable() throws Exception {
    String closed = "http://127.0.0.1:" + SpecificAvroSerdeTest.freePort();
    try (var registry = EmbeddedSchemaRegistry.start("127.0.0.1", 0);
        var client = new RestSchemaRegistryClient(closed + ", " + registry.url(), null, TIMEOUT)) {
      int id = client.register("chat.messages-value", ChatMessage.getClassSchema());

      assertThat(id).isPositive();
    }
  }

  @Test
  void namesEveryUnreachableUrl() throws Exception {
    String first = "http://127.0.0.1:" + SpecificAvroSerdeTest.freePort();
    String second = "http://127.0.0.1:" + SpecificAvroSerdeTest.freePort();
    try (var client = new RestSchemaRegistryClient(first + "," + second, null, TIMEOUT)) {
      assertThatThrownBy(() -> client.getById(1))
          .isInstanceOf(SchemaRegistryException.class)
          .hasMessageStartingWith("Schema registry unreachable: " + first + " (ConnectException")
          .hasMessageContaining(", " + second + " (ConnectException")
          .satisfies(e -> assertThat(((SchemaRegistryException) e).httpStatus()).isZero());
    }
  }

  @Test
  void rejectsUnusableUrls() {
    assertThatThrownBy(() -> new RestSchemaRegistryClient(" , ", null, TIMEOUT))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("No schema registry URL");
    assertThatThrownBy(() -> new RestSchemaRegistryClient("localhost:8081", null, TIMEOUT))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("must start with http:// or https://");
  }
}
