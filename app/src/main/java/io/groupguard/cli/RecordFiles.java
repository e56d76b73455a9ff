package io.groupguard.cli;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
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
import java.nio.file.Files;
import java.nio.file.Path;
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

  /** Items of the list under {@code listField} in a YAML (or JSON) document; errors name the item's line. */
  public static <T extends SpecificRecord> List<T> readYamlList(InputStream in, String source, String listField, Class<T> type) {
    try (JsonParser parser = YAML.createParser(in)) {
      if (parser.nextToken() != JsonToken.START_OBJECT) {
        throw new InputFileException(source + ": expected a list under '" + listField + ":'");
      }
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        boolean wanted = parser.currentName().equals(listField);
        JsonToken value = parser.nextToken();
        if (!wanted) {
          parser.skipChildren();
        } else if (value != JsonToken.START_ARRAY) {
          throw new InputFileException(source + ":" + line(parser) + ": " + listField + ": expected a list");
        } else {
          return readItems(parser, source, listField, type);
        }
      }
      throw new InputFileException(source + ": expected a list under '" + listField + ":'");
    } catch (JsonProcessingException e) {
      throw new InputFileException(source + ":" + (e.getLocation() == null ? "?" : e.getLocation().getLineNr())
          + ": not valid YAML: " + e.getOriginalMessage(), e);
    } catch (IOException e) {
      throw new UncheckedIOException(source + ": " + e.getMessage(), e);
    }
  }

  private static <T extends SpecificRecord> List<T> readItems(JsonParser parser, String source, String listField,
      Class<T> type) throws IOException {
    List<T> records = new ArrayList<>();
    while (parser.nextToken() != JsonToken.END_ARRAY) {
      int line = line(parser);
      JsonNode item = YAML.readTree(parser);
      try {
        records.add(AvroJson.fromJson(item, type));
      } catch (IllegalArgumentException e) {
        throw new InputFileException(source + ":" + line + ": " + listField + "[" + records.size() + "]."
            + e.getMessage(), e);
      }
    }
    return records;
  }

  private static int line(JsonParser parser) {
    return parser.currentTokenLocation().getLineNr();
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
          throw new InputFileException(source + ":" + number + ": " + e.getMessage(), e);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(source + ": " + e.getMessage(), e);
    }
    return records;
  }

  /** {@link #readYamlList(InputStream, String, String, Class)} of a file, named as given in errors. */
  public static <T extends SpecificRecord> List<T> readYamlList(Path file, String listField, Class<T> type) {
    try (InputStream in = open(file)) {
      return readYamlList(in, file.toString(), listField, type);
    } catch (IOException e) {
      throw new UncheckedIOException(file + ": " + e.getMessage(), e);
    }
  }

  /** {@link #readJsonLines(InputStream, String, Class)} of a file, named as given in errors. */
  public static <T extends SpecificRecord> List<T> readJsonLines(Path file, Class<T> type) {
    try (InputStream in = open(file)) {
      return readJsonLines(in, file.toString(), type);
    } catch (IOException e) {
      throw new UncheckedIOException(file + ": " + e.getMessage(), e);
    }
  }

  /** Opens a file given on the command line; a missing or unreadable one is the user's input error. */
  static InputStream open(Path file) {
    try {
      return Files.newInputStream(file);
    } catch (IOException e) {
      throw new InputFileException(file + ": cannot read (" + e.getClass().getSimpleName() + ": " + e.getMessage() + ")", e);
    }
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
