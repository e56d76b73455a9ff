package io.groupguard.serde;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Serde of one generated Avro class in Confluent's wire format, interchangeable with Confluent's
 * {@code SpecificAvroSerde} with {@code TopicNameStrategy}. Thread-safe. Closing it leaves the
 * shared registry client open.
 */
public final class SpecificAvroSerde<T extends SpecificRecord> implements Serde<T> {

  private final SpecificAvroSerializer<T> serializer;
  private final SpecificAvroDeserializer<T> deserializer;

  public SpecificAvroSerde(SchemaRegistryClient registry, Class<T> type, boolean isKey) {
    this.serializer = new SpecificAvroSerializer<>(registry, type, isKey);
    this.deserializer = new SpecificAvroDeserializer<>(registry, type);
  }

  @Override
  public Serializer<T> serializer() {
    return serializer;
  }

  @Override
  public Deserializer<T> deserializer() {
    return deserializer;
  }
}
