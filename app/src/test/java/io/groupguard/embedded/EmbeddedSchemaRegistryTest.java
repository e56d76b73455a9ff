package io.groupguard.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class EmbeddedSchemaRegistryTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String V1 = """
      {"type":"record","name":"User","namespace":"t","fields":[{"name":"id","type":"string"}]}""";
  /** V1 formatted differently: the same schema. */
  private static final String V1_REFORMATTED = """
      {
        "type": "record", "namespace": "t", "name": "User",
        "fields": [ { "name": "id", "type": "string" } ]
      }""";
  /** Adds a field with a default: backward compatible. */
  private static final String V2 = """
      {"type":"record","name":"User","namespace":"t","fields":[{"name":"id","type":"string"},
       {"name":"age","type":"int","default":0}]}""";
  /** Adds a field without a default: new readers cannot read old data. */
  private static final String INCOMPATIBLE = """
      {"type":"record","name":"User","namespace":"t","fields":[{"name":"id","type":"string"},
       {"name":"email","type":"string"}]}""";

  private final HttpClient http = HttpClient.newHttpClient();
  private EmbeddedSchemaRegistry registry;

  @BeforeEach
  void start() {
    registry = EmbeddedSchemaRegistry.start("127.0.0.1", 0);
  }

  @AfterEach
  void stop() {
    registry.close();
  }

  @Test
  void registersVersionsAndSharesIdsOfIdenticalSchemas() throws Exception {
    int v1 = register("users-value", V1).body().get("id").intValue();

    assertThat(register("users-value", V1_REFORMATTED).body().get("id").intValue()).isEqualTo(v1);
    assertThat(register("other-value", V1).body().get("id").intValue()).isEqualTo(v1);
    int v2 = register("users-value", V2).body().get("id").intValue();
    assertThat(v2).isNotEqualTo(v1);

    assertThat(get("/subjects").body()).containsExactly(text("other-value"), text("users-value"));
    assertThat(get("/subjects/users-value/versions").body().toString()).isEqualTo("[1,2]");
    JsonNode latest = get("/subjects/users-value/versions/latest").body();
    assertThat(latest.get("subject").asText()).isEqualTo("users-value");
    assertThat(latest.get("version").intValue()).isEqualTo(2);
    assertThat(latest.get("id").intValue()).isEqualTo(v2);
    assertThat(JSON.readTree(latest.get("schema").asText())).isEqualTo(JSON.readTree(V2));
    assertThat(get("/subjects/users-value/versions/1").body().get("id").intValue()).isEqualTo(v1);
    assertThat(JSON.readTree(get("/schemas/ids/" + v1 + "?fetchMaxId=false").body()
            .get("schema").asText())).isEqualTo(JSON.readTree(V1));
    assertThat(get("/schemas/ids/" + v1 + "/versions").body())
        .isEqualTo(JSON.readTree("[{\"subject\":\"other-value\",\"version\":1},"
            + "{\"subject\":\"users-value\",\"version\":1}]"));
  }

  @Test
  void answersInConfluentsContentTypeAndAcceptsPlainJson() throws Exception {
    HttpResponse<String> response = http.send(
        HttpRequest.newBuilder(URI.create(registry.url() + "/subjects/users-value/versions"))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(schemaBody(V1)))
            .build(),
        HttpResponse.BodyHandlers.ofString());

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type"))
        .hasValue("application/vnd.schemaregistry.v1+json");
    assertThat(response.body()).isEqualTo("{\"id\":1}");
  }

  @Test
  void refusesIncompatibleVersionsWith409() throws Exception {
    register("users-value", V1);

    Answer answer = register("users-value", INCOMPATIBLE);

    assertThat(answer.status()).isEqualTo(409);
    assertThat(answer.body().get("error_code").intValue()).isEqualTo(409);
    assertThat(answer.body().get("message").asText())
        .contains("incompatible with an earlier schema for subject \"users-value\"")
        .contains("email");
    assertThat(post("/compatibility/subjects/users-value/versions/latest", schemaBody(INCOMPATIBLE))
        .body().get("is_compatible").booleanValue()).isFalse();
    assertThat(post("/compatibility/subjects/users-value/versions/latest", schemaBody(V2))
        .body().get("is_compatible").booleanValue()).isTrue();
  }

  @Test
  void acceptsAnythingOnceCompatibilityIsNone() throws Exception {
    register("users-value", V1);

    assertThat(send("PUT", "/config/users-value", "{\"compatibility\":\"NONE\"}").body().toString())
        .isEqualTo("{\"compatibility\":\"NONE\"}");

    assertThat(register("users-value", INCOMPATIBLE).status()).isEqualTo(200);
    assertThat(get("/config/users-value").body().get("compatibilityLevel").asText())
        .isEqualTo("NONE");
  }

  @Test
  void servesConfigLikeConfluent() throws Exception {
    assertThat(get("/config").body().toString()).isEqualTo("{\"compatibilityLevel\":\"BACKWARD\"}");
    assertError(get("/config/users-value"), 404, 40408);
    assertThat(get("/config/users-value?defaultToGlobal=true").body().get("compatibilityLevel")
        .asText()).isEqualTo("BACKWARD");
    assertError(send("PUT", "/config", "{\"compatibility\":\"SIDEWAYS\"}"), 422, 42203);
  }

  @Test
  void looksUpASchemaUnderASubject() throws Exception {
    int id = register("users-value", V1).body().get("id").intValue();

    JsonNode found = post("/subjects/users-value", schemaBody(V1_REFORMATTED)).body();

    assertThat(found.get("id").intValue()).isEqualTo(id);
    assertThat(found.get("version").intValue()).isEqualTo(1);
    assertThat(found.get("subject").asText()).isEqualTo("users-value");
    assertError(post("/subjects/users-value", schemaBody(V2)), 404, 40403);
    assertError(post("/subjects/nobody-value", schemaBody(V1)), 404, 40401);
  }

  /**
   * The requests of Confluent's JavaScript serde ({@code @confluentinc/schemaregistry}), with its
   * query parameters, as {@code scripts/interop} sends them for topic "users".
   */
  @Test
  void servesTheRequestsOfConfluentsJavaScriptSerde() throws Exception {
    int id = post("/subjects/users-value/versions?normalize=false", schemaBody(V1)).body()
        .get("id").intValue();

    // The serde's default subject strategy asks for associations and uses <topic>-value on 404.
    assertError(get("/associations/resources/-/users?resourceType=topic&associationType=value"
        + "&offset=0&limit=-1"), 404, 404);
    JsonNode latest = get("/subjects/users-value/versions/latest").body();
    assertThat(latest.get("id").intValue()).isEqualTo(id);
    assertThat(JSON.readTree(latest.get("schema").asText())).isEqualTo(JSON.readTree(V1));
    assertThat(JSON.readTree(get("/schemas/ids/" + id + "?subject=users-value").body()
        .get("schema").asText())).isEqualTo(JSON.readTree(V1));
    JsonNode found = post("/subjects/users-value?normalize=false", schemaBody(V1_REFORMATTED)).body();
    assertThat(found.get("id").intValue()).isEqualTo(id);
    assertThat(found.get("version").intValue()).isEqualTo(1);
  }

  @Test
  void deletesSubjects() throws Exception {
    register("users-value", V1);
    register("users-value", V2);

    assertThat(send("DELETE", "/subjects/users-value", null).body().toString()).isEqualTo("[1,2]");

    assertError(get("/subjects/users-value/versions"), 404, 40401);
    assertThat(get("/subjects").body()).isEmpty();
  }

  @Test
  void answersErrorsWithConfluentCodes() throws Exception {
    Answer missingSubject = get("/subjects/nobody-value/versions/latest");
    assertError(missingSubject, 404, 40401);
    assertThat(missingSubject.body().get("message").asText()).contains("nobody-value");

    register("users-value", V1);
    assertError(get("/subjects/users-value/versions/7"), 404, 40402);
    assertError(get("/subjects/users-value/versions/first"), 422, 42202);
    assertError(get("/schemas/ids/999"), 404, 40403);
    assertError(register("users-value", "{\"type\":\"recrod\"}"), 422, 42201);
    assertError(post("/subjects/users-value/versions", "{\"schema\":"), 422, 422);
    assertError(get("/nowhere"), 404, 404);
    assertError(send("PUT", "/subjects/users-value/versions", schemaBody(V1)), 405, 405);
  }

  @Test
  void requiresBasicAuthWhenConfigured() throws Exception {
    try (var secured = EmbeddedSchemaRegistry.start("127.0.0.1", 0, "alice:s3cret")) {
      HttpRequest.Builder request =
          HttpRequest.newBuilder(URI.create(secured.url() + "/subjects")).GET();

      HttpResponse<String> anonymous = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
      HttpResponse<String> authorized = http.send(
          request.header("Authorization", "Basic YWxpY2U6czNjcmV0").build(),
          HttpResponse.BodyHandlers.ofString());

      assertThat(anonymous.statusCode()).isEqualTo(401);
      assertThat(anonymous.body()).isEqualTo("{\"error_code\":401,\"message\":\"Unauthorized\"}");
      assertThat(anonymous.headers().firstValue("WWW-Authenticate")).isPresent();
      assertThat(authorized.statusCode()).isEqualTo(200);
    }
  }

  @Test
  void picksAFreePortAndReportsItsUrl() {
    assertThat(registry.port()).isPositive();
    assertThat(registry.url()).isEqualTo("http://127.0.0.1:" + registry.port());
  }

  private record Answer(int status, JsonNode body) {}

  private static void assertError(Answer answer, int status, int errorCode) {
    assertThat(answer.status()).as("HTTP status of %s", answer.body()).isEqualTo(status);
    assertThat(answer.body().get("error_code").intValue()).isEqualTo(errorCode);
    assertThat(answer.body().get("message").asText()).isNotBlank();
  }

  private Answer register(String subject, String schema) throws Exception {
    return post("/subjects/" + subject + "/versions", schemaBody(schema));
  }

  private Answer get(String path) throws Exception {
    return send("GET", path, null);
  }

  private Answer post(String path, String body) throws Exception {
    return send("POST", path, body);
  }

  private Answer send(String method, String path, String body) throws IOException, InterruptedException {
    HttpRequest request = HttpRequest.newBuilder(URI.create(registry.url() + path))
        .header("Content-Type", "application/vnd.schemaregistry.v1+json")
        .method(method, body == null
            ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(body))
        .build();
    HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
    return new Answer(response.statusCode(), JSON.readTree(response.body()));
  }

  private static String schemaBody(String schema) {
    return JSON.createObjectNode().put("schema", schema).put("schemaType", "AVRO").toString();
  }

  private static JsonNode text(String value) {
    return JSON.getNodeFactory().textNode(value);
  }
}
