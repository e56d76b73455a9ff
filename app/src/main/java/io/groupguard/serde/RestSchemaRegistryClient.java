package io.groupguard.serde;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.apache.avro.Schema;

/**
 * Client of a Confluent Schema Registry's REST API (the register and lookup-by-id subset).
 *
 * <p>Base URLs are tried in order; the next one is only tried when the previous could not be
 * reached, never when it answered with an error. Registered ids and fetched schemas are cached for
 * the life of the client, as ids and their schemas never change in a registry.
 */
public final class RestSchemaRegistryClient implements SchemaRegistryClient {

  /** Content type of Confluent's REST API v1. */
  public static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";

  private static final ObjectMapper JSON = new ObjectMapper();

  private final List<String> baseUrls;
  private final String authorizationHeader;
  private final Duration timeout;
  private final HttpClient http;
  private final Map<SubjectSchema, Integer> idsBySubjectSchema = new ConcurrentHashMap<>();
  private final Map<Integer, Schema> schemasById = new ConcurrentHashMap<>();

  private record SubjectSchema(String subject, Schema schema) {}

  /**
   * @param urls comma-separated base URLs, e.g. {@code http://sr1:8081,http://sr2:8081}
   * @param basicAuthUserInfo {@code user:password} for HTTP basic auth, or null for none
   * @param timeout connect and request timeout of each HTTP call
   */
  public RestSchemaRegistryClient(String urls, String basicAuthUserInfo, Duration timeout) {
    this.baseUrls = parseUrls(urls);
    this.authorizationHeader =
        basicAuthUserInfo == null || basicAuthUserInfo.isBlank()
            ? null
            : "Basic "
                + Base64.getEncoder()
                    .encodeToString(basicAuthUserInfo.getBytes(StandardCharsets.UTF_8));
    this.timeout = Objects.requireNonNull(timeout, "timeout");
    this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
  }

  private static List<String> parseUrls(String urls) {
    List<String> parsed =
        Arrays.stream(Objects.requireNonNull(urls, "urls").split(","))
            .map(String::trim)
            .filter(url -> !url.isEmpty())
            .map(url -> url.endsWith("/") ? url.substring(0, url.length() - 1) : url)
            .toList();
    if (parsed.isEmpty()) {
      throw new IllegalArgumentException("No schema registry URL given: '" + urls + "'");
    }
    for (String url : parsed) {
      URI uri = URI.create(url);
      if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme())) {
        throw new IllegalArgumentException(
            "Schema registry URL must start with http:// or https://: '" + url + "'");
      }
    }
    return parsed;
  }

  /** The base URLs this client tries, in order. */
  public List<String> urls() {
    return baseUrls;
  }

  @Override
  public int register(String subject, Schema schema) {
    SubjectSchema key = new SubjectSchema(subject, schema);
    Integer cached = idsBySubjectSchema.get(key);
    if (cached != null) {
      return cached;
    }
    String body = JSON.createObjectNode().put("schema", schema.toString()).toString();
    JsonNode answer = send("POST", "/subjects/" + encodePathSegment(subject) + "/versions", body);
    JsonNode id = answer.get("id");
    if (id == null || !id.canConvertToInt()) {
      throw new SchemaRegistryException(
          "Schema registry answered registration under subject '" + subject + "' without an id: "
              + answer, 0, 0);
    }
    idsBySubjectSchema.putIfAbsent(key, id.intValue());
    schemasById.putIfAbsent(id.intValue(), schema);
    return id.intValue();
  }

  @Override
  public Schema getById(int id) {
    Schema cached = schemasById.get(id);
    if (cached != null) {
      return cached;
    }
    JsonNode answer = send("GET", "/schemas/ids/" + id, null);
    JsonNode schemaText = answer.get("schema");
    if (schemaText == null || !schemaText.isTextual()) {
      throw new SchemaRegistryException(
          "Schema registry answered schema id " + id + " without a schema: " + answer, 0, 0);
    }
    Schema schema;
    try {
      schema = new Schema.Parser().parse(schemaText.asText());
    } catch (RuntimeException e) { // Avro reports bad schemas with several exception types
      throw new SchemaRegistryException(
          "Schema id " + id + " is not a valid Avro schema: " + e.getMessage(), e);
    }
    Schema raced = schemasById.putIfAbsent(id, schema);
    return raced != null ? raced : schema;
  }

  /** Sends one call, failing over to the next base URL only when one cannot be reached. */
  private JsonNode send(String method, String path, String jsonBody) {
    List<String> failures = new ArrayList<>();
    IOException lastFailure = null;
    for (String baseUrl : baseUrls) {
      HttpRequest request = request(method, baseUrl + path, jsonBody);
      HttpResponse<String> response;
      try {
        response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
      } catch (IOException e) {
        failures.add(baseUrl + " (" + describe(e) + ")");
        lastFailure = e;
        continue;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new SchemaRegistryException(
            "Interrupted while calling the schema registry at " + baseUrl + path, e);
      }
      return parseAnswer(method, baseUrl + path, response);
    }
    throw new SchemaRegistryException(
        "Schema registry unreachable: " + String.join(", ", failures), lastFailure);
  }

  private HttpRequest request(String method, String url, String jsonBody) {
    HttpRequest.Builder builder =
        HttpRequest.newBuilder(URI.create(url))
            .timeout(timeout)
            .header("Accept", CONTENT_TYPE + ", application/json")
            .method(
                method,
                jsonBody == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(jsonBody, StandardCharsets.UTF_8));
    if (jsonBody != null) {
      builder.header("Content-Type", CONTENT_TYPE);
    }
    if (authorizationHeader != null) {
      builder.header("Authorization", authorizationHeader);
    }
    return builder.build();
  }

  private static JsonNode parseAnswer(String method, String url, HttpResponse<String> response) {
    JsonNode body;
    try {
      body = JSON.readTree(response.body());
    } catch (IOException e) {
      body = null;
    }
    int status = response.statusCode();
    if (status / 100 == 2 && body != null) {
      return body;
    }
    int errorCode = body != null && body.path("error_code").canConvertToInt()
        ? body.path("error_code").intValue()
        : 0;
    String reason = body != null && body.path("message").isTextual()
        ? body.path("message").asText()
        : abbreviate(response.body());
    throw new SchemaRegistryException(
        method + " " + url + " answered HTTP " + status
            + (errorCode != 0 ? " (error code " + errorCode + ")" : "") + ": " + reason,
        status,
        errorCode);
  }

  private static String describe(IOException e) {
    String message = e.getMessage();
    if (message == null && e.getCause() != null) {
      message = e.getCause().toString();
    }
    return e.getClass().getSimpleName() + (message == null ? "" : ": " + message);
  }

  private static String abbreviate(String text) {
    return text.length() <= 200 ? text : text.substring(0, 200) + "...";
  }

  private static String encodePathSegment(String segment) {
    return URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
  }

  /**
   * Drops the caches. The JDK 17 {@link HttpClient} has no close method; it releases its threads
   * and connections once unreachable.
   */
  @Override
  public void close() {
    idsBySubjectSchema.clear();
    schemasById.clear();
  }

  @Override
  public String toString() {
    return baseUrls.stream().collect(Collectors.joining(",", "RestSchemaRegistryClient[", "]"));
  }
}
