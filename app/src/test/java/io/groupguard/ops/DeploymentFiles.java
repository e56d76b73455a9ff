package io.groupguard.ops;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;

/** Reads the repository's deployment files (deploy/**, docker-compose.yml) for tests. */
final class DeploymentFiles {

  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Path root;

  private DeploymentFiles(Path root) {
    this.root = root;
  }

  /** The repository root: the nearest directory, from the working directory up, holding docker-compose.yml. */
  static DeploymentFiles locate() {
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      if (Files.isRegularFile(dir.resolve("docker-compose.yml")) && Files.isDirectory(dir.resolve("deploy"))) {
        return new DeploymentFiles(dir);
      }
    }
    throw new IllegalStateException("no docker-compose.yml and deploy/ above " + Path.of("").toAbsolutePath());
  }

  Path resolve(String relativePath) {
    return root.resolve(relativePath);
  }

  /** docker-compose.yml and every YAML or JSON file under deploy/. */
  List<Path> yamlAndJsonFiles() {
    List<Path> files = new ArrayList<>(List.of(resolve("docker-compose.yml")));
    try (Stream<Path> walk = Files.walk(resolve("deploy"))) {
      walk.filter(Files::isRegularFile)
          .filter(file -> file.toString().matches(".*\\.(ya?ml|json)$"))
          .sorted()
          .forEach(files::add);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return files;
  }

  /** Every document of a YAML file, or the one document of a JSON file. */
  List<JsonNode> documents(Path file) {
    ObjectMapper mapper = file.toString().endsWith(".json") ? JSON : YAML;
    try {
      List<JsonNode> documents = new ArrayList<>();
      mapper.readerFor(JsonNode.class).readValues(file.toFile()).forEachRemaining(doc -> {
        if (doc != null && !((JsonNode) doc).isNull()) {
          documents.add((JsonNode) doc);
        }
      });
      return documents;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot parse " + root.relativize(file), e);
    }
  }

  JsonNode document(String relativePath) {
    List<JsonNode> documents = documents(resolve(relativePath));
    if (documents.size() != 1) {
      throw new IllegalStateException(relativePath + " holds " + documents.size() + " documents, expected one");
    }
    return documents.get(0);
  }

  /** The documents of {@code kind} in a multi-document Kubernetes file. */
  List<JsonNode> resources(String relativePath, String kind) {
    return documents(resolve(relativePath)).stream().filter(doc -> kind.equals(doc.path("kind").asText())).toList();
  }

  JsonNode resource(String relativePath, String kind) {
    List<JsonNode> found = resources(relativePath, kind);
    if (found.size() != 1) {
      throw new IllegalStateException(relativePath + " holds " + found.size() + " " + kind + " resources, expected one");
    }
    return found.get(0);
  }

  Properties properties(String relativePath) {
    Properties properties = new Properties();
    try (InputStream in = Files.newInputStream(resolve(relativePath))) {
      properties.load(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return properties;
  }

  /** Non-comment lines of a whitespace-separated table file, split into columns. */
  List<String[]> table(String relativePath) {
    try (Stream<String> lines = Files.lines(resolve(relativePath))) {
      return lines.map(String::strip)
          .filter(line -> !line.isEmpty() && !line.startsWith("#"))
          .map(line -> line.split("\\s+"))
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
