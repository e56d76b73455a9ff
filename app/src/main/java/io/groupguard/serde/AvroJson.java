package io.groupguard.serde;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;

/**
 * Maps generated Avro records to and from plain JSON as people write it (not Avro's JSON
 * encoding): for producers without a registry, YAML rule files and JSON-lines test messages.
 *
 * <ul>
 *   <li>objects with the schema's field names; missing fields take the schema default, unknown
 *       fields are rejected;
 *   <li>nullable unions as the plain value or null;
 *   <li>enums by symbol, case-insensitive;
 *   <li>timestamps as epoch milliseconds (micros for timestamp-micros) or ISO-8601 strings;
 *   <li>bytes and fixed as strings of ISO-8859-1 code points, as in Avro's JSON encoding.
 * </ul>
 */
public final class AvroJson {

  private AvroJson() {}

  /**
   * Reads {@code node} into a record of {@code type}.
   *
   * @throws IllegalArgumentException naming the field path (e.g. {@code keywords[2].match}) when
   *     the JSON does not fit the schema
   */
  public static <T extends SpecificRecord> T fromJson(JsonNode node, Class<T> type) {
    SpecificData data = SpecificData.getForClass(type);
    return type.cast(new AvroJsonReader(data).read(data.getSchema(type), node));
  }

  /** Writes {@code record} as plain JSON; timestamps become epoch milliseconds. */
  public static JsonNode toJson(SpecificRecord record) {
    return new AvroJsonWriter(SpecificData.getForClass(record.getClass()))
        .write(record.getSchema(), record);
  }
}
