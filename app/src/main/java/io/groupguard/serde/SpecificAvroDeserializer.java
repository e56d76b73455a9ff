package io.groupguard.serde;

import java.io.IOException;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.SchemaPairCompatibility;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.DatumReader;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Reads Confluent wire-format records into one generated Avro class, resolving the writer schema
 * (looked up by the id in the record) to the class's schema. Thread-safe.
 *
 * <p>Every failure is a {@link SerializationException} whose message names the topic, the problem
 * and the schema id: it becomes the reason of a dead letter.
 */
public final class SpecificAvroDeserializer<T extends SpecificRecord> implements Deserializer<T> {

  private final SchemaRegistryClient registry;
  private final Class<T> type;
  private final SpecificData data;
  private final Schema readerSchema;
  // Avro datum readers are thread-safe once built (their resolvers are kept per thread).
  private final Map<Integer, DatumReader<T>> readersByWriterId = new ConcurrentHashMap<>();
  private final ThreadLocal<BinaryDecoder> decoders = new ThreadLocal<>();

  public SpecificAvroDeserializer(SchemaRegistryClient registry, Class<T> type) {
    this.registry = Objects.requireNonNull(registry, "registry");
    this.type = Objects.requireNonNull(type, "type");
    this.data = SpecificData.getForClass(type);
    this.readerSchema = data.getSchema(type);
  }

  @Override
  public T deserialize(String topic, byte[] payload) {
    if (payload == null) {
      return null;
    }
    int schemaId = ConfluentWireFormat.schemaId(topic, payload);
    DatumReader<T> reader = readerFor(topic, schemaId);
    BinaryDecoder decoder =
        DecoderFactory.get()
            .binaryDecoder(
                payload,
                ConfluentWireFormat.HEADER_SIZE,
                payload.length - ConfluentWireFormat.HEADER_SIZE,
                decoders.get());
    decoders.set(decoder);
    try {
      return reader.read(null, decoder);
    } catch (IOException | RuntimeException e) {
      throw new SerializationException(
          "Topic '" + topic + "': corrupt Avro payload for schema id " + schemaId + " ("
              + type.getSimpleName() + "): " + e, e);
    }
  }

  private DatumReader<T> readerFor(String topic, int schemaId) {
    DatumReader<T> cached = readersByWriterId.get(schemaId);
    if (cached != null) {
      return cached;
    }
    Schema writerSchema = writerSchema(topic, schemaId);
    SchemaPairCompatibility compatibility =
        SchemaCompatibility.checkReaderWriterCompatibility(readerSchema, writerSchema);
    if (compatibility.getType() != SchemaCompatibility.SchemaCompatibilityType.COMPATIBLE) {
      throw new SerializationException(
          "Topic '" + topic + "': schema id " + schemaId + " (" + writerSchema.getFullName()
              + ") cannot be read as " + readerSchema.getFullName() + ": "
              + compatibility.getResult().getIncompatibilities());
    }
    DatumReader<T> reader = new SpecificDatumReader<>(writerSchema, readerSchema, data);
    DatumReader<T> raced = readersByWriterId.putIfAbsent(schemaId, reader);
    return raced != null ? raced : reader;
  }

  private Schema writerSchema(String topic, int schemaId) {
    try {
      return registry.getById(schemaId);
    } catch (SchemaRegistryException e) {
      String problem = e.isSchemaNotFound() ? "unknown schema id " : "cannot look up schema id ";
      throw new SerializationException(
          "Topic '" + topic + "': " + problem + schemaId + ": " + e.getMessage(), e);
    }
  }
}
