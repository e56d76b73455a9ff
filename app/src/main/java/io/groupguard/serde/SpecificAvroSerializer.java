package io.groupguard.serde;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Writes records of one generated Avro class in Confluent's wire format, registering the class's
 * schema under the topic's subject ({@link TopicNameStrategy}) on first use. Thread-safe.
 */
public final class SpecificAvroSerializer<T extends SpecificRecord> implements Serializer<T> {

  private static final int INITIAL_BUFFER_SIZE = 256;

  private final SchemaRegistryClient registry;
  private final boolean isKey;
  private final Schema schema;
  private final SpecificDatumWriter<T> writer;
  private final Map<String, Integer> schemaIdsByTopic = new ConcurrentHashMap<>();
  // Encoders are not thread-safe; each thread reuses its own to avoid re-allocating its buffer.
  private final ThreadLocal<BinaryEncoder> encoders = new ThreadLocal<>();

  public SpecificAvroSerializer(SchemaRegistryClient registry, Class<T> type, boolean isKey) {
    this.registry = Objects.requireNonNull(registry, "registry");
    this.isKey = isKey;
    SpecificData data = SpecificData.getForClass(type);
    this.schema = data.getSchema(type);
    this.writer = new SpecificDatumWriter<>(schema, data);
  }

  @Override
  public byte[] serialize(String topic, T record) {
    if (record == null) {
      return null;
    }
    int schemaId = schemaIdFor(topic);
    ByteArrayOutputStream out = new ByteArrayOutputStream(INITIAL_BUFFER_SIZE);
    byte[] header = new byte[ConfluentWireFormat.HEADER_SIZE];
    ConfluentWireFormat.writeHeader(header, schemaId);
    out.writeBytes(header);
    BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, encoders.get());
    encoders.set(encoder);
    try {
      writer.write(record, encoder);
      encoder.flush();
    } catch (IOException | RuntimeException e) {
      throw new SerializationException(
          "Topic '" + topic + "': cannot write " + schema.getFullName() + " as Avro: " + e, e);
    }
    return out.toByteArray();
  }

  private int schemaIdFor(String topic) {
    Integer cached = schemaIdsByTopic.get(topic);
    if (cached != null) {
      return cached;
    }
    String subject = TopicNameStrategy.subject(topic, isKey);
    int id;
    try {
      id = registry.register(subject, schema);
    } catch (SchemaRegistryException e) {
      throw new SerializationException(
          "Topic '" + topic + "': cannot register schema " + schema.getFullName()
              + " under subject '" + subject + "': " + e.getMessage(), e);
    }
    schemaIdsByTopic.put(topic, id);
    return id;
  }
}
