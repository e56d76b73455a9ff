package io.groupguard.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.groupguard.avro.ChatMessage;
import java.nio.ByteBuffer;
import java.util.Arrays;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;

class WireFormatProperties {

  private static final String TOPIC = "chat.messages";

  private final SchemaRegistryClient registry = new InMemorySchemaRegistryClient();
  private final SpecificAvroSerde<ChatMessage> serde =
      new SpecificAvroSerde<>(registry, ChatMessage.class, false);
  private final int schemaId =
      registry.register(TopicNameStrategy.subject(TOPIC, false), ChatMessage.getClassSchema());

  @Property(tries = 3000)
  void arbitraryBytesGiveARecordOrASerializationException(@ForAll("payloads") byte[] payload) {
    Deserializer<ChatMessage> deserializer = serde.deserializer();
    try {
      assertThat(deserializer.deserialize(TOPIC, payload)).isNotNull();
    } catch (SerializationException expected) {
      assertThat(expected).hasMessageContaining("Topic '" + TOPIC + "'");
    }
  }

  @Property(tries = 200)
  void everyTruncationOfAValidRecordIsASerializationException(@ForAll("cutPoints") int cut) {
    byte[] whole = serde.serializer().serialize(TOPIC, ChatMessages.sample());
    byte[] truncated = Arrays.copyOf(whole, cut % whole.length);

    assertThatThrownBy(() -> serde.deserializer().deserialize(TOPIC, truncated))
        .isInstanceOf(SerializationException.class)
        .hasMessageContaining("Topic '" + TOPIC + "'");
  }

  /** Raw bytes, and bytes behind a valid header so that Avro decoding itself is exercised. */
  @Provide
  Arbitrary<byte[]> payloads() {
    Arbitrary<byte[]> raw = Arbitraries.bytes().array(byte[].class).ofMaxSize(64);
    Arbitrary<byte[]> behindHeader = raw.map(body -> ByteBuffer.allocate(5 + body.length)
        .put(ConfluentWireFormat.MAGIC_BYTE).putInt(schemaId).put(body).array());
    return Arbitraries.oneOf(raw, behindHeader, behindHeader, behindHeader);
  }

  @Provide
  Arbitrary<Integer> cutPoints() {
    return Arbitraries.integers().between(0, 1_000);
  }
}
