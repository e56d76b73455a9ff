package io.groupguard.serde;

import org.apache.avro.Schema;

/**
 * The part of a Confluent-compatible Schema Registry that the Avro serdes need.
 *
 * <p>Implementations are thread-safe and cache: a serde calls them for every record.
 */
public interface SchemaRegistryClient extends AutoCloseable {

  /**
   * Registers {@code schema} under {@code subject} and returns its global id; registering an
   * identical schema again returns the same id.
   *
   * @throws SchemaRegistryException when the registry refuses the schema or cannot be reached
   */
  int register(String subject, Schema schema);

  /**
   * Returns the schema registered under the global {@code id}.
   *
   * @throws SchemaRegistryException when the id is unknown or the registry cannot be reached
   */
  Schema getById(int id);

  @Override
  void close();
}
