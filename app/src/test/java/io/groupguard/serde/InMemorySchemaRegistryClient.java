package io.groupguard.serde;

import java.util.ArrayList;
import java.util.List;
import org.apache.avro.Schema;

/** A registry client without HTTP, for tests that need many fast lookups. */
final class InMemorySchemaRegistryClient implements SchemaRegistryClient {

  private final List<Schema> schemas = new ArrayList<>();

  @Override
  public synchronized int register(String subject, Schema schema) {
    int index = schemas.indexOf(schema);
    if (index < 0) {
      schemas.add(schema);
      index = schemas.size() - 1;
    }
    return index + 1;
  }

  @Override
  public synchronized Schema getById(int id) {
    if (id < 1 || id > schemas.size()) {
      throw new SchemaRegistryException("Schema " + id + " not found", 404,
          SchemaRegistryException.SCHEMA_NOT_FOUND);
    }
    return schemas.get(id - 1);
  }

  @Override
  public void close() {}
}
