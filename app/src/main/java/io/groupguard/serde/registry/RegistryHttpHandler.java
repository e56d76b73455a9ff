package io.groupguard.serde.registry;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Confluent Schema Registry REST API (v1, Avro only) over a {@link SchemaStore}: the subset that
 * serializers, Confluent's JavaScript serde {@code @confluentinc/schemaregistry}, kafkajs'
 * {@code @kafkajs/confluent-schema-registry} and operators use. Unknown paths, such as the
 * associations that Confluent's serde asks for first, answer 404, on which it falls back to
 * {@code <topic>-value}. Query parameters other than {@code defaultToGlobal} are accepted and
 * ignored: {@code normalize}, because schemas are always compared in their parsed form, and
 * {@code subject} on {@code /schemas/ids/{id}}, because ids are global (no schema contexts).
 */
public final class RegistryHttpHandler implements HttpHandler {

  public static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";

  private static final Logger LOG = LoggerFactory.getLogger(RegistryHttpHandler.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Element of GET /schemas/ids/{id}/versions, fields in Confluent's order. */
  private record SubjectVersionRef(String subject, int version) {}

  private final SchemaStore store;
  private final String expectedAuthorization;

  /**
   * @param basicAuthUserInfo {@code user:password} every request must present with HTTP basic
   *     auth, or null to accept anonymous requests
   */
  public RegistryHttpHandler(SchemaStore store, String basicAuthUserInfo) {
    this.store = store;
    this.expectedAuthorization =
        basicAuthUserInfo == null
            ? null
            : "Basic "
                + Base64.getEncoder()
                    .encodeToString(basicAuthUserInfo.getBytes(StandardCharsets.UTF_8));
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      Object answer;
      int status = 200;
      try {
        authorize(exchange);
        answer = route(exchange);
      } catch (RegistryError e) {
        status = e.httpStatus();
        answer = error(e.errorCode(), e.getMessage());
        if (status == 401) {
          exchange.getResponseHeaders().add("WWW-Authenticate", "Basic realm=\"SchemaRegistry\"");
        }
      } catch (RuntimeException e) {
        LOG.error("Schema registry request {} {} failed", exchange.getRequestMethod(),
            exchange.getRequestURI(), e);
        status = 500;
        answer = error(50001, "Error in the backend data store: " + e);
      }
      byte[] body = JSON.writeValueAsBytes(answer);
      exchange.getResponseHeaders().set("Content-Type", CONTENT_TYPE);
      exchange.sendResponseHeaders(status, body.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    }
  }

  private void authorize(HttpExchange exchange) {
    if (expectedAuthorization != null
        && !expectedAuthorization.equals(
            exchange.getRequestHeaders().getFirst("Authorization"))) {
      throw RegistryError.unauthorized();
    }
  }

  private Object route(HttpExchange exchange) throws IOException {
    String method = exchange.getRequestMethod();
    List<String> path = segments(exchange.getRequestURI().getRawPath());
    Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
    String resource = path.isEmpty() ? "" : path.get(0);
    return switch (resource) {
      case "" -> {
        requireMethod(method, "GET");
        yield Map.of();
      }
      case "subjects" -> subjects(exchange, method, path);
      case "schemas" -> schemas(method, path);
      case "config" -> config(exchange, method, path, query);
      case "compatibility" -> compatibility(exchange, method, path);
      default -> throw RegistryError.notFound();
    };
  }

  private Object subjects(HttpExchange exchange, String method, List<String> path)
      throws IOException {
    if (path.size() == 1) {
      requireMethod(method, "GET");
      return store.subjects();
    }
    String subject = path.get(1);
    if (path.size() == 2) {
      return switch (method) {
        case "POST" -> versionBody(store.lookup(subject, schemaText(exchange)));
        case "DELETE" -> store.deleteSubject(subject);
        default -> throw RegistryError.methodNotAllowed();
      };
    }
    if (!"versions".equals(path.get(2)) || path.size() > 4) {
      throw RegistryError.notFound();
    }
    if (path.size() == 3) {
      return switch (method) {
        case "GET" -> store.versions(subject);
        case "POST" -> Map.of("id", store.register(subject, schemaText(exchange)));
        default -> throw RegistryError.methodNotAllowed();
      };
    }
    requireMethod(method, "GET");
    return versionBody(store.version(subject, path.get(3)));
  }

  private Object schemas(String method, List<String> path) {
    if (path.size() < 3 || path.size() > 4 || !"ids".equals(path.get(1))
        || (path.size() == 4 && !"versions".equals(path.get(3)))) {
      throw RegistryError.notFound();
    }
    requireMethod(method, "GET");
    int id;
    try {
      id = Integer.parseInt(path.get(2));
    } catch (NumberFormatException e) {
      throw RegistryError.schemaNotFound();
    }
    if (path.size() == 3) {
      return Map.of("schema", store.schema(id));
    }
    return store.versionsOf(id).stream()
        .map(use -> new SubjectVersionRef(use.subject(), use.version()))
        .toList();
  }

  private Object config(
      HttpExchange exchange, String method, List<String> path, Map<String, String> query)
      throws IOException {
    if (path.size() > 2) {
      throw RegistryError.notFound();
    }
    String subject = path.size() == 2 ? path.get(1) : null;
    return switch (method) {
      case "GET" -> Map.of(
          "compatibilityLevel",
          configuredLevel(subject, Boolean.parseBoolean(query.get("defaultToGlobal"))).name());
      case "PUT" -> {
        JsonNode requested = body(exchange).get("compatibility");
        if (requested == null || !requested.isTextual()) {
          throw RegistryError.unprocessableEntity("Field 'compatibility' is required");
        }
        CompatibilityLevel level = CompatibilityLevel.parse(requested.asText());
        if (subject == null) {
          store.setGlobalCompatibility(level);
        } else {
          store.setSubjectCompatibility(subject, level);
        }
        yield Map.of("compatibility", level.name());
      }
      default -> throw RegistryError.methodNotAllowed();
    };
  }

  /** Like Confluent, a subject without its own level is an error unless the global one is asked. */
  private CompatibilityLevel configuredLevel(String subject, boolean defaultToGlobal) {
    if (subject == null) {
      return store.globalCompatibility();
    }
    return store.subjectCompatibility(subject)
        .or(() -> defaultToGlobal ? Optional.of(store.globalCompatibility()) : Optional.empty())
        .orElseThrow(() -> RegistryError.subjectCompatibilityNotConfigured(subject));
  }

  private Object compatibility(HttpExchange exchange, String method, List<String> path)
      throws IOException {
    if (path.size() != 5 || !"subjects".equals(path.get(1)) || !"versions".equals(path.get(3))) {
      throw RegistryError.notFound();
    }
    requireMethod(method, "POST");
    return Map.of(
        "is_compatible", store.isCompatible(path.get(2), path.get(4), schemaText(exchange)));
  }

  private static Map<String, Object> versionBody(SchemaStore.SubjectVersion version) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("subject", version.subject());
    body.put("version", version.version());
    body.put("id", version.id());
    body.put("schema", version.schema());
    return body;
  }

  /** The Avro schema text of a register or lookup request body. */
  private static String schemaText(HttpExchange exchange) throws IOException {
    JsonNode body = body(exchange);
    JsonNode schemaType = body.get("schemaType");
    if (schemaType != null && !schemaType.isNull() && !"AVRO".equals(schemaType.asText())) {
      throw RegistryError.invalidSchema(
          "schema type " + schemaType.asText() + " is not supported, only AVRO");
    }
    JsonNode references = body.get("references");
    if (references != null && references.isArray() && !references.isEmpty()) {
      throw RegistryError.invalidSchema("schema references are not supported");
    }
    JsonNode schema = body.get("schema");
    if (schema == null || !schema.isTextual()) {
      throw RegistryError.unprocessableEntity("Field 'schema' must be a string");
    }
    return schema.asText();
  }

  private static ObjectNode body(HttpExchange exchange) throws IOException {
    try (InputStream in = exchange.getRequestBody()) {
      JsonNode body = JSON.readTree(in);
      if (body == null || !body.isObject()) {
        throw RegistryError.unprocessableEntity("Request body must be a JSON object");
      }
      return (ObjectNode) body;
    } catch (JsonProcessingException e) {
      throw RegistryError.unprocessableEntity("Malformed JSON: " + e.getOriginalMessage());
    }
  }

  private static void requireMethod(String method, String allowed) {
    if (!allowed.equals(method)) {
      throw RegistryError.methodNotAllowed();
    }
  }

  private static Map<String, Object> error(int errorCode, String message) {
    Map<String, Object> body = new LinkedHashMap<>(); // Confluent's field order
    body.put("error_code", errorCode);
    body.put("message", message);
    return body;
  }

  private static List<String> segments(String rawPath) {
    return Arrays.stream(rawPath.split("/"))
        .filter(segment -> !segment.isEmpty())
        .map(RegistryHttpHandler::decode)
        .toList();
  }

  private static Map<String, String> query(String rawQuery) {
    if (rawQuery == null || rawQuery.isEmpty()) {
      return Map.of();
    }
    return Arrays.stream(rawQuery.split("&"))
        .map(pair -> pair.split("=", 2))
        .collect(Collectors.toMap(
            pair -> decode(pair[0]), pair -> pair.length > 1 ? decode(pair[1]) : "",
            (first, second) -> second));
  }

  // URLDecoder follows form encoding, where '+' means space; in a URL path it is a plus.
  private static String decode(String component) {
    return URLDecoder.decode(component.replace("+", "%2B"), StandardCharsets.UTF_8);
  }
}
