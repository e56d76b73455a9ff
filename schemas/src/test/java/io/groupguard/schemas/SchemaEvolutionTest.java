package io.groupguard.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.SchemaCompatibilityType;
import org.junit.jupiter.api.Test;

/**
 * Build-time guard: every schema must stay backward compatible (a reader on the new
 * schema can read data written with the previous one) with the last committed version
 * of itself. The previous version is HEAD's copy when the working tree changed the
 * file, otherwise the version before the last commit that touched it, so the check
 * also bites in CI's clean clone.
 */
class SchemaEvolutionTest {

  private static final Path SCHEMAS = Path.of(System.getProperty("schemas.dir", "src/main/avro"));

  @Test
  void everySchemaIsBackwardCompatibleWithItsPreviousCommittedVersion() throws Exception {
    List<String> failures = new ArrayList<>();
    for (Path file : schemaFiles()) {
      Schema current = parse(Files.readString(file));
      Optional<String> previous = previousCommittedVersion(file);
      if (previous.isEmpty()) {
        continue; // new schema: nothing to be compatible with yet
      }
      String incompatibility = backwardIncompatibility(parse(previous.get()), current);
      if (incompatibility != null) {
        failures.add(file.getFileName() + ": " + incompatibility);
      }
    }
    assertThat(failures).as("schemas that break backward compatibility").isEmpty();
  }

  @Test
  void checkerRejectsARequiredFieldWithoutDefault() {
    Schema previous = parse("{\"type\":\"record\",\"name\":\"T\",\"fields\":[{\"name\":\"a\",\"type\":\"string\"}]}");
    Schema broken = parse("{\"type\":\"record\",\"name\":\"T\",\"fields\":[{\"name\":\"a\",\"type\":\"string\"},"
        + "{\"name\":\"b\",\"type\":\"string\"}]}");
    Schema evolved = parse("{\"type\":\"record\",\"name\":\"T\",\"fields\":[{\"name\":\"a\",\"type\":\"string\"},"
        + "{\"name\":\"b\",\"type\":[\"null\",\"string\"],\"default\":null}]}");
    assertThat(backwardIncompatibility(previous, broken)).contains("b");
    assertThat(backwardIncompatibility(previous, evolved)).isNull();
  }

  @Test
  void everyFieldIsDocumented() throws IOException {
    List<String> undocumented = new ArrayList<>();
    for (Path file : schemaFiles()) {
      collectUndocumented(parse(Files.readString(file)), undocumented, new ArrayList<>());
    }
    assertThat(undocumented).as("fields without doc").isEmpty();
  }

  /** Returns a description of the incompatibility, or null when a reader on current can read previous. */
  static String backwardIncompatibility(Schema previous, Schema current) {
    SchemaCompatibility.SchemaPairCompatibility result =
        SchemaCompatibility.checkReaderWriterCompatibility(current, previous);
    if (result.getType() == SchemaCompatibilityType.COMPATIBLE) {
      return null;
    }
    return result.getResult().getIncompatibilities().toString();
  }

  private static void collectUndocumented(Schema schema, List<String> out, List<String> seen) {
    switch (schema.getType()) {
      case RECORD -> {
        if (seen.contains(schema.getFullName())) {
          return;
        }
        seen.add(schema.getFullName());
        for (Schema.Field field : schema.getFields()) {
          if (field.doc() == null || field.doc().isBlank()) {
            out.add(schema.getFullName() + "." + field.name());
          }
          collectUndocumented(field.schema(), out, seen);
        }
      }
      case UNION -> schema.getTypes().forEach(t -> collectUndocumented(t, out, seen));
      case ARRAY -> collectUndocumented(schema.getElementType(), out, seen);
      case MAP -> collectUndocumented(schema.getValueType(), out, seen);
      default -> { }
    }
  }

  private static List<Path> schemaFiles() throws IOException {
    try (Stream<Path> files = Files.walk(SCHEMAS)) {
      return files.filter(p -> p.toString().endsWith(".avsc")).sorted().toList();
    }
  }

  /**
   * Parses a schema whose named types may live in other files of the folder (as the Avro
   * plugin's imports allow): an undefined name is looked up as {@code <SimpleName>.avsc}.
   */
  private static Schema parse(String json) {
    Schema.Parser parser = new Schema.Parser();
    defineDependencies(parser, json, new ArrayList<>());
    return parser.parse(json);
  }

  private static void defineDependencies(Schema.Parser parser, String json, List<String> defining) {
    Matcher reference = QUOTED_FULL_NAME.matcher(json);
    while (reference.find()) {
      String fullName = reference.group(1);
      String simpleName = fullName.substring(fullName.lastIndexOf('.') + 1);
      if (parser.getTypes().containsKey(fullName) || defining.contains(fullName)
          || json.contains("\"name\": \"" + simpleName + "\"") || json.contains("\"name\":\"" + simpleName + "\"")) {
        continue;
      }
      Path file = findSchemaFile(simpleName);
      if (file == null) {
        continue; // not a type reference; the parser reports a real undefined name
      }
      defining.add(fullName);
      String dependency = read(file);
      defineDependencies(parser, dependency, defining);
      parser.parse(dependency);
    }
  }

  private static final Pattern QUOTED_FULL_NAME = Pattern.compile("\"(io\\.groupguard\\.avro\\.[A-Za-z0-9_]+)\"");

  /** The file named after the type, else the file that defines it nested (e.g. ViolationKind in Violation.avsc). */
  private static Path findSchemaFile(String simpleName) {
    List<Path> files;
    try {
      files = schemaFiles();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    Pattern definition = Pattern.compile("\\{\\s*\"type\"\\s*:\\s*\"(enum|record|fixed)\"\\s*,\\s*\"name\"\\s*:\\s*\""
        + Pattern.quote(simpleName) + "\"");
    return files.stream().filter(p -> p.getFileName().toString().equals(simpleName + ".avsc")).findFirst()
        .or(() -> files.stream().filter(p -> definition.matcher(read(p)).find()).findFirst())
        .orElse(null);
  }

  private static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Optional<String> previousCommittedVersion(Path file) throws Exception {
    Path absolute = file.toAbsolutePath().normalize();
    Optional<String> top = git(absolute.getParent(), "rev-parse", "--show-toplevel").map(String::strip);
    if (top.isEmpty()) {
      return Optional.empty(); // not a git checkout (e.g. a source tarball)
    }
    String relative = Path.of(top.get()).relativize(absolute).toString();
    Optional<String> head = git(absolute.getParent(), "show", "HEAD:" + relative);
    if (head.isPresent() && !head.get().equals(Files.readString(file))) {
      return head;
    }
    Optional<String> lastTouch = git(absolute.getParent(), "log", "-1", "--format=%H", "--", relative)
        .map(String::strip).filter(s -> !s.isEmpty());
    if (lastTouch.isEmpty()) {
      return Optional.empty();
    }
    return git(absolute.getParent(), "show", lastTouch.get() + "^:" + relative);
  }

  private static Optional<String> git(Path dir, String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of("git", "-C", dir.toString()));
    command.addAll(List.of(args));
    Process process = new ProcessBuilder(command).redirectErrorStream(false).start();
    byte[] out = process.getInputStream().readAllBytes();
    process.getErrorStream().readAllBytes();
    if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
      return Optional.empty();
    }
    return Optional.of(new String(out, StandardCharsets.UTF_8));
  }
}
