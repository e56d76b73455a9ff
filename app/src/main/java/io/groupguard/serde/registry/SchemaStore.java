package io.groupguard.serde.registry;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.apache.avro.Schema;

/**
 * In-memory schemas, subjects and versions with Confluent Schema Registry semantics. Thread-safe.
 *
 * <p>A schema's identity is its parsed form printed back ({@link Schema#toString()}), as in
 * Confluent: formatting differences do not create new ids, and one schema registered under several
 * subjects shares one global id.
 */
public final class SchemaStore {

  /** One version of a subject. */
  public record SubjectVersion(String subject, int version, int id, String schema) {}

  private record StoredSchema(Schema parsed, String canonical) {}

  private final List<StoredSchema> schemasById = new ArrayList<>(); // id = index + 1
  private final Map<String, Integer> idsByCanonical = new HashMap<>();
  private final Map<String, List<Integer>> idsBySubject = new TreeMap<>(); // version = index + 1
  private final Map<String, CompatibilityLevel> subjectLevels = new HashMap<>();
  private CompatibilityLevel globalLevel = CompatibilityLevel.BACKWARD;

  /**
   * Registers {@code schemaText} under {@code subject} and returns its global id; registering a
   * schema the subject already has returns its id without a new version.
   *
   * @throws RegistryError 422 for an invalid schema, 409 when incompatible with the subject
   */
  public synchronized int register(String subject, String schemaText) {
    StoredSchema candidate = parse(schemaText);
    Integer knownId = idsByCanonical.get(candidate.canonical());
    List<Integer> versions = idsBySubject.getOrDefault(subject, List.of());
    if (knownId != null && versions.contains(knownId)) {
      return knownId;
    }
    List<String> problems =
        compatibilityLevel(subject).incompatibilities(candidate.parsed(), schemas(versions));
    if (!problems.isEmpty()) {
      throw RegistryError.incompatibleSchema(subject, problems.toString());
    }
    int id = knownId != null ? knownId : store(candidate);
    idsBySubject.computeIfAbsent(subject, s -> new ArrayList<>()).add(id);
    return id;
  }

  private int store(StoredSchema schema) {
    schemasById.add(schema);
    int id = schemasById.size();
    idsByCanonical.put(schema.canonical(), id);
    return id;
  }

  /** The schema text of global {@code id}; 40403 when unknown. */
  public synchronized String schema(int id) {
    return stored(id).canonical();
  }

  /** Subject versions that use global {@code id}; 40403 when unknown. */
  public synchronized List<SubjectVersion> versionsOf(int id) {
    String schema = stored(id).canonical();
    List<SubjectVersion> uses = new ArrayList<>();
    idsBySubject.forEach(
        (subject, ids) -> {
          for (int i = 0; i < ids.size(); i++) {
            if (ids.get(i) == id) {
              uses.add(new SubjectVersion(subject, i + 1, id, schema));
            }
          }
        });
    return uses;
  }

  public synchronized List<String> subjects() {
    return List.copyOf(idsBySubject.keySet());
  }

  /** Version numbers of {@code subject}, oldest first; 40401 when unknown. */
  public synchronized List<Integer> versions(String subject) {
    int count = idsOf(subject).size();
    List<Integer> numbers = new ArrayList<>(count);
    for (int version = 1; version <= count; version++) {
      numbers.add(version);
    }
    return numbers;
  }

  /** {@code version} ("latest", -1 or a number) of {@code subject}; 40401, 40402 or 42202. */
  public synchronized SubjectVersion version(String subject, String version) {
    List<Integer> ids = idsOf(subject);
    int number = versionNumber(subject, version, ids);
    int id = ids.get(number - 1);
    return new SubjectVersion(subject, number, id, stored(id).canonical());
  }

  /** The version of {@code subject} holding {@code schemaText}; 40401 or 40403 when none. */
  public synchronized SubjectVersion lookup(String subject, String schemaText) {
    List<Integer> ids = idsOf(subject);
    Integer id = idsByCanonical.get(parse(schemaText).canonical());
    int index = id == null ? -1 : ids.indexOf(id);
    if (index < 0) {
      throw RegistryError.schemaNotFound();
    }
    return new SubjectVersion(subject, index + 1, id, stored(id).canonical());
  }

  /** Deletes {@code subject} and returns its deleted version numbers; 40401 when unknown. */
  public synchronized List<Integer> deleteSubject(String subject) {
    List<Integer> deleted = versions(subject);
    idsBySubject.remove(subject);
    subjectLevels.remove(subject);
    return deleted;
  }

  /**
   * Whether {@code schemaText} could be registered after {@code version} of {@code subject} at the
   * subject's compatibility level.
   */
  public synchronized boolean isCompatible(String subject, String version, String schemaText) {
    List<Integer> ids = idsOf(subject);
    int number = versionNumber(subject, version, ids);
    return compatibilityLevel(subject)
        .incompatibilities(parse(schemaText).parsed(), schemas(ids.subList(0, number)))
        .isEmpty();
  }

  public synchronized CompatibilityLevel globalCompatibility() {
    return globalLevel;
  }

  public synchronized void setGlobalCompatibility(CompatibilityLevel level) {
    globalLevel = level;
  }

  /** The level set for {@code subject} itself, if any. */
  public synchronized Optional<CompatibilityLevel> subjectCompatibility(String subject) {
    return Optional.ofNullable(subjectLevels.get(subject));
  }

  public synchronized void setSubjectCompatibility(String subject, CompatibilityLevel level) {
    subjectLevels.put(subject, level);
  }

  private CompatibilityLevel compatibilityLevel(String subject) {
    return subjectLevels.getOrDefault(subject, globalLevel);
  }

  private List<Integer> idsOf(String subject) {
    List<Integer> ids = idsBySubject.get(subject);
    if (ids == null) {
      throw RegistryError.subjectNotFound(subject);
    }
    return ids;
  }

  private static int versionNumber(String subject, String version, List<Integer> ids) {
    if ("latest".equals(version) || "-1".equals(version)) {
      return ids.size();
    }
    int number;
    try {
      number = Integer.parseInt(version);
    } catch (NumberFormatException e) {
      throw RegistryError.invalidVersion(version);
    }
    if (number < 1) {
      throw RegistryError.invalidVersion(version);
    }
    if (number > ids.size()) {
      throw RegistryError.versionNotFound(subject, version);
    }
    return number;
  }

  private StoredSchema stored(int id) {
    if (id < 1 || id > schemasById.size()) {
      throw RegistryError.schemaNotFound();
    }
    return schemasById.get(id - 1);
  }

  private List<Schema> schemas(List<Integer> ids) {
    return ids.stream().map(id -> stored(id).parsed()).toList();
  }

  private static StoredSchema parse(String schemaText) {
    if (schemaText == null || schemaText.isBlank()) {
      throw RegistryError.invalidSchema("empty schema");
    }
    try {
      Schema parsed = new Schema.Parser().parse(schemaText);
      return new StoredSchema(parsed, parsed.toString());
    } catch (RuntimeException e) {
      // Avro 1.12 reports bad schemas as SchemaParseException, AvroTypeException or (for an
      // unknown type name) NullPointerException.
      throw RegistryError.invalidSchema(String.valueOf(e.getMessage()));
    }
  }
}
