package io.groupguard.serde;

import java.io.IOException;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.SchemaPairCompatibility;
import org.apache.avro.generic.GenericDatumReader;
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
 * and the schema id: it becomes the reason of a dead letter. A registry that cannot be reached is a
 * {@link SchemaRegistryUnavailableException}: the record is fine and must be read again later.
 */
public final class SpecificAvroDeserializer<T extends SpecificRecord> implements Deserializer<T> {

  private final SchemaRegistryClient registry;
  private final Class<T> type;
  private final SpecificData data;
  private final Schema readerSchema;
  // Avro datum readers are thread-safe once built (their resolvers are kept per thread).
  private final Map<Integer, WriterResolution<T>> resolutionsByWriterId =
      new ConcurrentHashMap<>();
  private final ThreadLocal<BinaryDecoder> decoders = new ThreadLocal<>();

  private record WriterResolution<T>(Schema writerSchema, DatumReader<T> reader) {}

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
    WriterResolution<T> resolution = resolutionFor(topic, schemaId);
    try {
      // Avro allocates a string or array as large as the payload claims before reading it, so a
      // corrupt length could exhaust the heap; skipping the payload first proves that every
      // length fits in the bytes actually present.
      GenericDatumReader.skip(resolution.writerSchema(), decoderOf(payload));
      return resolution.reader().read(null, decoderOf(payload));
    } catch (IOException | RuntimeException e) {
      throw new SerializationException(
          "Topic '" + topic + "': corrupt Avro payload for schema id " + schemaId + " ("
              + type.getSimpleName() + "): " + e, e);
    }
  }

  private BinaryDecoder decoderOf(byte[] payload) {
    BinaryDecoder decoder =
        DecoderFactory.get()
            .binaryDecoder(
                payload,
                ConfluentWireFormat.HEADER_SIZE,
                payload.length - ConfluentWireFormat.HEADER_SIZE,
                decoders.get());
    decoders.set(decoder);
    return decoder;
  }

  private WriterResolution<T> resolutionFor(String topic, int schemaId) {
    WriterResolution<T> cached = resolutionsByWriterId.get(schemaId);
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
    WriterResolution<T> resolution = new WriterResolution<>(
        writerSchema, new SpecificDatumReader<>(writerSchema, readerSchema, data));
    WriterResolution<T> raced = resolutionsByWriterId.putIfAbsent(schemaId, resolution);
    return raced != null ? raced : resolution;
  }

  private Schema writerSchema(String topic, int schemaId) {
    try {
      return registry.getById(schemaId);
    } catch (SchemaRegistryException e) {
      if (e.isUnavailable()) {
        throw new SchemaRegistryUnavailableException(
            "Topic '" + topic + "': schema registry unavailable to look up schema id " + schemaId + ": " + e.getMessage(), e);
      }
      String problem = e.isSchemaNotFound() ? "unknown schema id " : "cannot look up schema id ";
      throw new SerializationException(
          "Topic '" + topic + "': " + problem + schemaId + ": " + e.getMessage(), e);
    }
  }
}
