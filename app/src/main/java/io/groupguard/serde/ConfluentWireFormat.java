package io.groupguard.serde;

import org.apache.kafka.common.errors.SerializationException;

/**
 * Confluent's wire format: magic byte 0x00, the writer schema's registry id as a 4-byte big-endian
 * int, then the Avro binary encoding of the record.
 */
public final class ConfluentWireFormat {

  public static final byte MAGIC_BYTE = 0x00;
  /** Bytes before the Avro payload: magic byte and schema id. */
  public static final int HEADER_SIZE = 5;

  private ConfluentWireFormat() {}

  /** Writes the header for {@code schemaId} into the first {@link #HEADER_SIZE} bytes. */
  static void writeHeader(byte[] target, int schemaId) {
    target[0] = MAGIC_BYTE;
    target[1] = (byte) (schemaId >>> 24);
    target[2] = (byte) (schemaId >>> 16);
    target[3] = (byte) (schemaId >>> 8);
    target[4] = (byte) schemaId;
  }

  /**
   * Returns the writer schema id of a wire-format {@code payload} read from {@code topic}.
   *
   * @throws SerializationException when the payload is too short or lacks the magic byte
   */
  public static int schemaId(String topic, byte[] payload) {
    if (payload.length < HEADER_SIZE) {
      throw new SerializationException(
          "Topic '" + topic + "': record of " + payload.length + " byte(s) is too short for the"
              + " Confluent wire format, which needs at least " + HEADER_SIZE
              + " (magic byte 0x00 and a 4-byte schema id)");
    }
    if (payload[0] != MAGIC_BYTE) {
      throw new SerializationException(
          String.format(
              "Topic '%s': record does not start with the Confluent magic byte 0x00 but with 0x%02x;"
                  + " it was not written by a schema-registry Avro serializer",
              topic, payload[0]));
    }
    return ((payload[1] & 0xff) << 24)
        | ((payload[2] & 0xff) << 16)
        | ((payload[3] & 0xff) << 8)
        | (payload[4] & 0xff);
  }
}
