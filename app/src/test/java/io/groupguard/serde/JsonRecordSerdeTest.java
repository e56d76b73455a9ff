package io.groupguard.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.groupguard.avro.ChatMessage;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

class JsonRecordSerdeTest {

  private final JsonRecordSerde<ChatMessage> serde = new JsonRecordSerde<>(ChatMessage.class);

  @Test
  void roundTripsAsUtf8Json() {
    ChatMessage message = ChatMessages.sample();

    byte[] bytes = serde.serializer().serialize("chat.json", message);

    assertThat(new String(bytes, StandardCharsets.UTF_8))
        .contains("\"text\":\"加我微信 buy cheap stuff https://spam.example\"")
        .contains("\"sendTime\":" + message.getSendTime().toEpochMilli());
    assertThat(serde.deserializer().deserialize("chat.json", bytes)).isEqualTo(message);
  }

  @Test
  void reportsInvalidContentWithTheTopicAndReason() {
    byte[] bytes = "{\"tenantId\":\"t\",\"colour\":1}".getBytes(StandardCharsets.UTF_8);

    assertThatThrownBy(() -> serde.deserializer().deserialize("chat.json", bytes))
        .isInstanceOf(SerializationException.class)
        .hasMessageContaining("Topic 'chat.json'")
        .hasMessageContaining("colour: unknown field");
  }

  @Test
  void reportsMalformedJson() {
    byte[] bytes = "{\"tenantId\":".getBytes(StandardCharsets.UTF_8);

    assertThatThrownBy(() -> serde.deserializer().deserialize("chat.json", bytes))
        .isInstanceOf(SerializationException.class)
        .hasMessageContaining("Topic 'chat.json': cannot read ChatMessage from JSON");
  }

  @Test
  void reportsEmptyPayload() {
    assertThatThrownBy(() -> serde.deserializer().deserialize("chat.json", new byte[0]))
        .isInstanceOf(SerializationException.class)
        .hasMessageContaining("empty payload");
  }
}
