package io.groupguard.serde;

import org.apache.kafka.common.errors.SerializationException;

/**
 * A record could not be read because the schema registry, needed to resolve its schema id, could not be
 * reached or failed (HTTP 5xx). Unlike other serialization failures the record is fine: it must be read
 * again once the registry is back, not dead-lettered.
 */
public final class SchemaRegistryUnavailableException extends SerializationException {

  public SchemaRegistryUnavailableException(String message, SchemaRegistryException cause) {
    super(message, cause);
  }
}
