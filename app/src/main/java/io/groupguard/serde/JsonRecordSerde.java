package io.groupguard.serde;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Serde of one generated Avro class as UTF-8 plain JSON ({@link AvroJson}), for producers that use
 * no schema registry. Thread-safe.
 */
public final class JsonRecordSerde<T extends SpecificRecord> implements Serde<T> {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final Class<T> type;

  public JsonRecordSerde(Class<T> type) {
    this.type = type;
  }

  @Override
  public Serializer<T> serializer() {
    return (topic, record) -> {
      if (record == null) {
        return null;
      }
      try {
        return JSON.writeValueAsBytes(AvroJson.toJson(record));
      } catch (IOException | RuntimeException e) {
        throw new SerializationException(
            "Topic '" + topic + "': cannot write " + type.getSimpleName() + " as JSON: " + e, e);
      }
    };
  }

  @Override
  public Deserializer<T> deserializer() {
    return (topic, payload) -> {
      if (payload == null) {
        return null;
      }
      try {
        JsonNode node = JSON.readTree(payload);
        if (node == null || node.isMissingNode()) {
          throw new IllegalArgumentException("empty payload");
        }
        return AvroJson.fromJson(node, type);
      } catch (IOException | RuntimeException e) {
        throw new SerializationException(
            "Topic '" + topic + "': cannot read " + type.getSimpleName() + " from JSON: "
                + (e instanceof IllegalArgumentException ? e.getMessage() : e.toString()), e);
      }
    };
  }
}
