package io.groupguard.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.groupguard.serde.AvroJson;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.specific.SpecificRecord;

/**
 * Reads records written by people: YAML documents with a list under one field (rules,
 * blacklist entries) and JSON-lines files (messages), using the Avro field names.
 * Errors name the file, the item or line, and the field.
 */
public final class RecordFiles {

  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  private static final ObjectMapper JSON = new ObjectMapper();

  private RecordFiles() {
  }

  /** Items of the list under {@code listField} in a YAML (or JSON) document. */
  public static <T extends SpecificRecord> List<T> readYamlList(InputStream in, String source, String listField, Class<T> type) {
    JsonNode root;
    try {
      root = YAML.readTree(in);
    } catch (IOException e) {
      throw new IllegalArgumentException(source + ": not valid YAML: " + e.getMessage(), e);
    }
    JsonNode items = root == null ? null : root.get(listField);
    if (items == null || !items.isArray()) {
      throw new IllegalArgumentException(source + ": expected a list under '" + listField + ":'");
    }
    List<T> records = new ArrayList<>();
    for (int i = 0; i < items.size(); i++) {
      try {
        records.add(AvroJson.fromJson(items.get(i), type));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(source + ": " + listField + "[" + i + "]: " + e.getMessage(), e);
      }
    }
    return records;
  }

  /** One record per non-blank line. */
  public static <T extends SpecificRecord> List<T> readJsonLines(InputStream in, String source, Class<T> type) {
    List<T> records = new ArrayList<>();
    try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      String line;
      int number = 0;
      while ((line = reader.readLine()) != null) {
        number++;
        if (line.isBlank()) {
          continue;
        }
        try {
          records.add(AvroJson.fromJson(JSON.readTree(line), type));
        } catch (IOException | IllegalArgumentException e) {
          throw new IllegalArgumentException(source + ":" + number + ": " + e.getMessage(), e);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(source + ": " + e.getMessage(), e);
    }
    return records;
  }

  /** A resource bundled in the jar, e.g. "/demo/rules.yaml". */
  public static InputStream resource(String path) {
    InputStream in = RecordFiles.class.getResourceAsStream(path);
    if (in == null) {
      throw new IllegalStateException("bundled resource " + path + " is missing from the jar");
    }
    return in;
  }
}
