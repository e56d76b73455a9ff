package io.groupguard.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.groupguard.avro.ChatMessage;
import io.groupguard.embedded.EmbeddedSchemaRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class SpecificAvroSerdeTest {

  private static final String TOPIC = "chat.messages";

  private static EmbeddedSchemaRegistry registry;
  private static RestSchemaRegistryClient client;
  private static SpecificAvroSerde<ChatMessage> serde;

  @BeforeAll
  static void startRegistry() {
    registry = EmbeddedSchemaRegistry.start("127.0.0.1", 0);
    client = new RestSchemaRegistryClient(registry.url(), null, Duration.ofSeconds(5));
    serde = new SpecificAvroSerde<>(client, ChatMessage.class, false);
  }

  @AfterAll
  static void stopRegistry() {
    client.close();
    registry.close();
  }

  @Test
  void roundTripsThroughTheRegistry() {
    ChatMessage message = ChatMessages.sample();

    byte[] bytes = serde.serializer().serialize(TOPIC, message);
    // A fresh client has no cached schema: the reader must fetch it by id.
    try (RestSchemaRegistryClient reader =
        new RestSchemaRegistryClient(registry.url(), null, Duration.ofSeconds(5))) {
      ChatMessage read =
          new SpecificAvroSerde<>(reader, ChatMessage.class, false)
              .deserializer()
              .deserialize(TOPIC, bytes);
      assertThat(read).isEqualTo(message);
    }
  }

  @Test
  void writesConfluentWireFormat() throws IOException {
    ChatMessage message = ChatMessages.sample();

    byte[] bytes = serde.serializer().serialize(TOPIC, message);

    int id = client.register(TOPIC + "-value", ChatMessage.getClassSchema());
    ByteArrayOutputStream avro = new ByteArrayOutputStream();
    BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(avro, null);
    new SpecificDatumWriter<>(ChatMessage.class).write(message, encoder);
    encoder.flush();
    assertThat(bytes[0]).isZero();
    assertThat(ByteBuffer.wrap(bytes, 1, 4).getInt()).isEqualTo(id);
    assertThat(Arrays.copyOfRange(bytes, 5, bytes.length)).isEqualTo(avro.toByteArray());
  }

  @Test
  void registersKeysUnderTheKeySubject() throws Exception {
    var keySerde = new SpecificAvroSerde<>(client, ChatMessage.class, true);

    keySerde.serializer().serialize("keyed.topic", ChatMessages.sample());

    assertThat(subjects()).contains("keyed.topic-key").doesNotContain("keyed.topic-value");
  }

  @Test
  void readsRecordsOfAnOlderWriterSchemaWithDefaults() throws IOException {
    Schema writerSchema = withoutField(ChatMessage.getClassSchema(), "mentions");
    int writerId = client.register("evolution-value", writerSchema);
    GenericRecord old = new GenericData.Record(writerSchema);
    ChatMessage sample = ChatMessages.sample();
    for (Schema.Field field : writerSchema.getFields()) {
      old.put(field.name(), sample.get(field.name()));
    }
    old.put("senderKind", new GenericData.EnumSymbol(
        writerSchema.getField("senderKind").schema(), "CUSTOMER"));
    old.put("contentType", new GenericData.EnumSymbol(
        writerSchema.getField("contentType").schema(), "TEXT"));
    old.put("sendTime", sample.getSendTime().toEpochMilli());

    ChatMessage read = serde.deserializer().deserialize("evolution", wire(writerId, writerSchema, old));

    assertThat(read.getMentions()).isEmpty();
    assertThat(read.getText()).isEqualTo(sample.getText());
    assertThat(read.getSendTime()).isEqualTo(sample.getSendTime());
  }

  @Test
  void rejectsPayloadWithoutMagicByte() {
    assertThatThrownBy(() -> serde.deserializer().deserialize(TOPIC, new byte[] {1, 0, 0, 0, 1, 2}))
        .isInstanceOf(SerializationException.class)
        .hasMessageContaining("Topic 'chat.messages'")
        .hasMessageContaining("magic byte 0x00 but with 0x01");
  }

  @Test
  void rejectsPayloadShorterThanTheHeader() {
    assertThatThrownBy(() -> serde.deserializer().deserialize(TOPIC, new byte[] {0, 0, 1}))
        .isInstanceOf(SerializationException.class)
        .hasMessageContaining("Topic 'chat.messages'")
        .hasMessageContaining("3 byte(s) is too short");
  }

  @Test
  void rejectsUnknownSchemaId() {
    assertThatThrownBy(() -> serde.deserializer().deserialize(TOPIC, new byte[] {0, 0, 0, 3, -25, 2}))
        .isInstanceOf(SerializationException.class)
        .hasMessageContaining("Topic 'chat.messages'")
        .hasMessageContaining("unknown schema id 999")
        .hasMessageContaining("40403");
  }

  @Test
  void rejectsCorruptAvroPayload() {
    int id = client.register(TOPIC + "-value", ChatMessage.getClassSchema());
    byte[] corrupt = ByteBuffer.allocate(9).put((byte) 0).putInt(id).putInt(-1).array();

    assertThatThrownBy(() -> serde.deserializer().deserialize(TOPIC, corrupt))
        .isInstanceOf(SerializationException.class)
        .hasMessageContaining("Topic 'chat.messages'")
        .hasMessageContaining("corrupt Avro payload for schema id " + id);
  }

  @Test
  void rejectsWriterSchemaThatCannotBeResolvedToTheClass() {
    Schema unrelated = SchemaBuilder.record("ChatMessage").namespace("io.groupguard.avro")
        .fields().requiredInt("foo").endRecord();
    int id = client.register("unrelated-value", unrelated);
    GenericRecord record = new GenericData.Record(unrelated);
    record.put("foo", 7);

    assertThatThrownBy(() -> serde.deserializer().deserialize("unrelated", wire(id, unrelated, record)))
        .isInstanceOf(SerializationException.class)
        .hasMessageContaining("Topic 'unrelated'")
        .hasMessageContaining("schema id " + id)
        .hasMessageContaining("cannot be read as io.groupguard.avro.ChatMessage")
        .hasMessageContaining("tenantId");
  }

  @Test
  void reportsUnreachableRegistryWithUrlAndCause() throws IOException {
    String closedUrl = "http://127.0.0.1:" + freePort();
    try (var unreachable = new RestSchemaRegistryClient(closedUrl, null, Duration.ofSeconds(2))) {
      var unreachableSerde = new SpecificAvroSerde<>(unreachable, ChatMessage.class, false);

      assertThatThrownBy(() -> unreachableSerde.deserializer()
              .deserialize(TOPIC, new byte[] {0, 0, 0, 0, 1, 2}))
          .as("a record that may be read once the registry is back, not a bad one")
          .isInstanceOf(SchemaRegistryUnavailableException.class)
          .hasMessageContaining("Topic 'chat.messages'")
          .hasMessageContaining("schema registry unavailable to look up schema id 1")
          .hasMessageContaining("unreachable")
          .hasMessageContaining(closedUrl)
          .hasMessageContaining("ConnectException");
      assertThatThrownBy(() -> unreachableSerde.serializer().serialize(TOPIC, ChatMessages.sample()))
          .isInstanceOf(SerializationException.class)
          .hasMessageContaining("cannot register schema io.groupguard.avro.ChatMessage under"
              + " subject 'chat.messages-value'")
          .hasMessageContaining(closedUrl);
    }
  }

  @Test
  void nullsStayNull() {
    assertThat(serde.serializer().serialize(TOPIC, null)).isNull();
    assertThat(serde.deserializer().deserialize(TOPIC, null)).isNull();
  }

  static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  private static List<String> subjects() throws IOException, InterruptedException {
    HttpResponse<String> response = HttpClient.newHttpClient().send(
        HttpRequest.newBuilder(URI.create(registry.url() + "/subjects")).build(),
        HttpResponse.BodyHandlers.ofString());
    return new ObjectMapper().readValue(response.body(), new TypeReference<List<String>>() {});
  }

  private static Schema withoutField(Schema schema, String removed) {
    List<Schema.Field> fields = schema.getFields().stream()
        .filter(field -> !field.name().equals(removed))
        .map(field -> new Schema.Field(field, field.schema()))
        .toList();
    return Schema.createRecord(
        schema.getName(), schema.getDoc(), schema.getNamespace(), false, fields);
  }

  private static byte[] wire(int schemaId, Schema schema, GenericRecord record) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(0);
    out.write(ByteBuffer.allocate(4).putInt(schemaId).array());
    BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
    new GenericDatumWriter<GenericRecord>(schema).write(record, encoder);
    encoder.flush();
    return out.toByteArray();
  }
}
