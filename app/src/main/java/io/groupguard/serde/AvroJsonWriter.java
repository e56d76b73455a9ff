package io.groupguard.serde;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.Map;
import org.apache.avro.Conversion;
import org.apache.avro.Conversions;
import org.apache.avro.LogicalType;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericFixed;
import org.apache.avro.generic.IndexedRecord;

/** Avro values of one {@link GenericData} model to plain JSON; see {@link AvroJson}. */
final class AvroJsonWriter {

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private final GenericData data;

  AvroJsonWriter(GenericData data) {
    this.data = data;
  }

  JsonNode write(Schema schema, Object value) {
    return switch (schema.getType()) {
      case RECORD -> writeRecord(schema, (IndexedRecord) value);
      case ENUM -> NODES.textNode(value.toString());
      case ARRAY -> {
        ArrayNode array = NODES.arrayNode();
        for (Object element : (Collection<?>) value) {
          array.add(write(schema.getElementType(), element));
        }
        yield array;
      }
      case MAP -> {
        ObjectNode object = NODES.objectNode();
        for (Map.Entry<?, ?> entry : ((Map<?, ?>) value).entrySet()) {
          object.set(entry.getKey().toString(), write(schema.getValueType(), entry.getValue()));
        }
        yield object;
      }
      case UNION -> write(schema.getTypes().get(data.resolveUnion(schema, value)), value);
      default -> writePrimitive(schema, toRaw(schema, value));
    };
  }

  private ObjectNode writeRecord(Schema schema, IndexedRecord record) {
    ObjectNode object = NODES.objectNode();
    for (Schema.Field field : schema.getFields()) {
      object.set(field.name(), write(field.schema(), record.get(field.pos())));
    }
    return object;
  }

  private static JsonNode writePrimitive(Schema schema, Object value) {
    return switch (schema.getType()) {
      case STRING -> NODES.textNode(value.toString());
      case BOOLEAN -> NODES.booleanNode((Boolean) value);
      case INT -> NODES.numberNode((Integer) value);
      case LONG -> NODES.numberNode((Long) value);
      case FLOAT -> NODES.numberNode((Float) value);
      case DOUBLE -> NODES.numberNode((Double) value);
      case BYTES -> {
        ByteBuffer bytes = ((ByteBuffer) value).duplicate();
        byte[] copy = new byte[bytes.remaining()];
        bytes.get(copy);
        yield NODES.textNode(new String(copy, StandardCharsets.ISO_8859_1));
      }
      case FIXED -> NODES.textNode(
          new String(((GenericFixed) value).bytes(), StandardCharsets.ISO_8859_1));
      case NULL -> NODES.nullNode();
      default -> throw new IllegalStateException("Not a primitive type: " + schema);
    };
  }

  /** Undoes the model's conversion (e.g. Instant to epoch millis), when it has one. */
  private Object toRaw(Schema schema, Object value) {
    LogicalType logicalType = schema.getLogicalType();
    Conversion<?> conversion = logicalType == null ? null : data.getConversionFor(logicalType);
    if (conversion == null || !conversion.getConvertedType().isInstance(value)) {
      return value;
    }
    return Conversions.convertToRawType(value, schema, logicalType, conversion);
  }
}
