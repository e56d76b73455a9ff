package io.groupguard.serde;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.Conversion;
import org.apache.avro.Conversions;
import org.apache.avro.LogicalType;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.IndexedRecord;

/** Plain JSON to Avro values of one {@link GenericData} model; see {@link AvroJson}. */
final class AvroJsonReader {

  private static final String ROOT = "(root)";

  private final GenericData data;

  AvroJsonReader(GenericData data) {
    this.data = data;
  }

  Object read(Schema schema, JsonNode node) {
    return read(schema, node, "");
  }

  private Object read(Schema schema, JsonNode node, String path) {
    return switch (schema.getType()) {
      case RECORD -> readRecord(schema, node, path);
      case ENUM -> readEnum(schema, node, path);
      case ARRAY -> readArray(schema, node, path);
      case MAP -> readMap(schema, node, path);
      case UNION -> readUnion(schema, node, path);
      default -> toLogical(schema, readPrimitive(schema, node, path));
    };
  }

  private Object readRecord(Schema schema, JsonNode node, String path) {
    if (!node.isObject()) {
      throw mismatch(path, "an object (" + schema.getName() + ")", node);
    }
    for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (schema.getField(name) == null) {
        throw new IllegalArgumentException(
            child(path, name) + ": unknown field, " + schema.getName() + " has "
                + schema.getFields().stream().map(Schema.Field::name).toList());
      }
    }
    IndexedRecord record = (IndexedRecord) data.newRecord(null, schema);
    for (Schema.Field field : schema.getFields()) {
      JsonNode value = node.get(field.name());
      String fieldPath = child(path, field.name());
      if (value != null) {
        record.put(field.pos(), read(field.schema(), value, fieldPath));
      } else if (field.hasDefaultValue()) {
        // Defaults are cached and shared by the model: copy so records never share lists.
        record.put(field.pos(), data.deepCopy(field.schema(), data.getDefaultValue(field)));
      } else {
        throw new IllegalArgumentException(fieldPath + ": missing required field");
      }
    }
    return record;
  }

  private Object readEnum(Schema schema, JsonNode node, String path) {
    if (node.isTextual()) {
      for (String symbol : schema.getEnumSymbols()) {
        if (symbol.equalsIgnoreCase(node.asText())) {
          return data.createEnum(symbol, schema);
        }
      }
    }
    throw new IllegalArgumentException(
        display(path) + ": unknown symbol " + quote(node) + ", expected one of "
            + schema.getEnumSymbols());
  }

  private List<Object> readArray(Schema schema, JsonNode node, String path) {
    if (!node.isArray()) {
      throw mismatch(path, "an array", node);
    }
    List<Object> values = new ArrayList<>(node.size());
    for (int i = 0; i < node.size(); i++) {
      values.add(read(schema.getElementType(), node.get(i), path + "[" + i + "]"));
    }
    return values;
  }

  private Map<String, Object> readMap(Schema schema, JsonNode node, String path) {
    if (!node.isObject()) {
      throw mismatch(path, "an object (map)", node);
    }
    Map<String, Object> values = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> entry : node.properties()) {
      values.put(
          entry.getKey(), read(schema.getValueType(), entry.getValue(), child(path, entry.getKey())));
    }
    return values;
  }

  /** Null picks the null branch; otherwise the first branch the value fits. */
  private Object readUnion(Schema schema, JsonNode node, String path) {
    if (node.isNull() && schema.isNullable()) {
      return null;
    }
    List<Schema> candidates =
        schema.getTypes().stream().filter(branch -> branch.getType() != Schema.Type.NULL).toList();
    if (candidates.size() == 1) {
      return read(candidates.get(0), node, path);
    }
    List<String> failures = new ArrayList<>();
    for (Schema branch : candidates) {
      try {
        return read(branch, node, path);
      } catch (IllegalArgumentException e) {
        failures.add(e.getMessage());
      }
    }
    throw new IllegalArgumentException(
        display(path) + ": value fits none of the union's types " + failures);
  }

  private Object readPrimitive(Schema schema, JsonNode node, String path) {
    LogicalType logicalType = schema.getLogicalType();
    return switch (schema.getType()) {
      case STRING -> {
        if (!node.isTextual() && !node.isNumber()) {
          throw mismatch(path, "a string", node);
        }
        yield node.asText();
      }
      case BOOLEAN -> {
        if (!node.isBoolean()) {
          throw mismatch(path, "true or false", node);
        }
        yield node.booleanValue();
      }
      case INT -> {
        if (!node.isIntegralNumber() || !node.canConvertToInt()) {
          throw mismatch(path, "an int", node);
        }
        yield node.intValue();
      }
      case LONG -> {
        if (node.isTextual() && isTimestamp(logicalType)) {
          yield parseTimestamp(logicalType, node.asText(), path);
        }
        if (!node.isIntegralNumber() || !node.canConvertToLong()) {
          throw mismatch(path, isTimestamp(logicalType) ? "epoch time or ISO-8601" : "a long", node);
        }
        yield node.longValue();
      }
      case FLOAT -> {
        if (!node.isNumber()) {
          throw mismatch(path, "a number", node);
        }
        yield node.floatValue();
      }
      case DOUBLE -> {
        if (!node.isNumber()) {
          throw mismatch(path, "a number", node);
        }
        yield node.doubleValue();
      }
      case BYTES -> ByteBuffer.wrap(latin1(node, path));
      case FIXED -> {
        byte[] bytes = latin1(node, path);
        if (bytes.length != schema.getFixedSize()) {
          throw mismatch(path, schema.getFixedSize() + " bytes", node);
        }
        yield new GenericData.Fixed(schema, bytes);
      }
      case NULL -> {
        if (!node.isNull()) {
          throw mismatch(path, "null", node);
        }
        yield null;
      }
      default -> throw new IllegalStateException("Not a primitive type: " + schema);
    };
  }

  private static boolean isTimestamp(LogicalType logicalType) {
    return logicalType instanceof LogicalTypes.TimestampMillis
        || logicalType instanceof LogicalTypes.TimestampMicros;
  }

  private static long parseTimestamp(LogicalType logicalType, String text, String path) {
    Instant instant;
    try {
      instant = Instant.parse(text);
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(
          display(path) + ": '" + text + "' is not an ISO-8601 timestamp such as"
              + " 2024-05-01T08:30:00Z or 2024-05-01T16:30:00+08:00");
    }
    return logicalType instanceof LogicalTypes.TimestampMillis
        ? instant.toEpochMilli()
        : ChronoUnit.MICROS.between(Instant.EPOCH, instant);
  }

  private static byte[] latin1(JsonNode node, String path) {
    if (!node.isTextual()) {
      throw mismatch(path, "a string of ISO-8859-1 code points", node);
    }
    return node.asText().getBytes(StandardCharsets.ISO_8859_1);
  }

  /** Applies the model's conversion (e.g. long to Instant), when it has one for the type. */
  private Object toLogical(Schema schema, Object raw) {
    LogicalType logicalType = schema.getLogicalType();
    Conversion<?> conversion = logicalType == null ? null : data.getConversionFor(logicalType);
    return conversion == null
        ? raw
        : Conversions.convertToLogicalType(raw, schema, logicalType, conversion);
  }

  private static IllegalArgumentException mismatch(String path, String expected, JsonNode node) {
    return new IllegalArgumentException(
        display(path) + ": expected " + expected + " but got " + node.getNodeType().name()
            .toLowerCase() + " " + abbreviate(node.toString()));
  }

  private static String quote(JsonNode node) {
    return node.isTextual() ? "'" + node.asText() + "'" : abbreviate(node.toString());
  }

  private static String abbreviate(String text) {
    return text.length() <= 60 ? text : text.substring(0, 60) + "...";
  }

  private static String child(String path, String name) {
    return path.isEmpty() ? name : path + "." + name;
  }

  private static String display(String path) {
    return path.isEmpty() ? ROOT : path;
  }
}
