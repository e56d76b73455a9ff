package io.groupguard.ops;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.HostInfo;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Routing of key queries between two instances, with the key ownership under the test's control.
 * The servers live for the whole class: stopping a JDK HTTP server takes about a second.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class KeyQueryHandlerTest {

  private static final String STORE = "things-store";
  private static final List<QueryableView<?, ?>> VIEWS = List.of(QueryableView.<String>ofValue("/things/", "/value", STORE,
      (value, query) -> JsonResponses.JSON.createObjectNode().put("value", value).put("query", query.toString())));

  private final HttpClient client = HttpClient.newHttpClient();
  private final Map<String, HostInfo> owners = new HashMap<>();
  private Instance a;
  private Instance b;

  /** One instance: an HTTP server and the store contents it holds locally. */
  private final class Instance implements StoreDirectory {
    final HttpServer server;
    final HostInfo host;
    final Map<String, String> local = new HashMap<>();
    boolean storeMigrating;

    Instance() throws IOException {
      server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
      host = new HostInfo("127.0.0.1", server.getAddress().getPort());
      server.createContext("/", new KeyQueryHandler(VIEWS, this, host, client));
      server.start();
    }

    @Override
    public HostInfo ownerOf(String storeName, String key) {
      assertThat(storeName).isEqualTo(STORE);
      return owners.get(key);
    }

    /** Point reads of {@link #local}; the views under test read nothing else. */
    @Override
    public ReadOnlyKeyValueStore<String, Object> localStore(String storeName) {
      if (storeMigrating) {
        throw new InvalidStateStoreException("store " + storeName + " is migrating");
      }
      return new ReadOnlyKeyValueStore<>() {
        @Override
        public Object get(String key) {
          return local.get(key);
        }

        @Override
        public KeyValueIterator<String, Object> range(String from, String to) {
          throw new UnsupportedOperationException();
        }

        @Override
        public KeyValueIterator<String, Object> all() {
          throw new UnsupportedOperationException();
        }

        @Override
        public long approximateNumEntries() {
          return local.size();
        }
      };
    }
  }

  @BeforeAll
  void startTwoInstances() throws IOException {
    a = new Instance();
    b = new Instance();
  }

  @BeforeEach
  void forgetOwnersAndContents() {
    owners.clear();
    for (Instance instance : List.of(a, b)) {
      instance.local.clear();
      instance.storeMigrating = false;
    }
  }

  @AfterAll
  void stop() {
    a.server.stop(0);
    b.server.stop(0);
  }

  @Test
  void theOwnerAnswersFromItsOwnStore() throws Exception {
    owners.put("acme/t1", a.host);
    a.local.put("acme/t1", "from a");

    HttpResponse<String> response = get(a, "/things/acme/t1/value?limit=3");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).contains("\"value\":\"from a\"").contains("limit=3");
    assertThat(response.headers().firstValue(KeyQueryHandler.INSTANCE_HEADER)).hasValue(KeyQueryHandler.instance(a.host));
  }

  @Test
  void anotherInstanceForwardsToTheOwnerAndSaysWhoAnswered() throws Exception {
    owners.put("acme/t1", a.host);
    a.local.put("acme/t1", "from a");
    b.local.put("acme/t1", "stale copy on b");

    HttpResponse<String> response = get(b, "/things/acme/t1/value?limit=3");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).contains("\"value\":\"from a\"").contains("limit=3");
    assertThat(response.headers().firstValue(KeyQueryHandler.INSTANCE_HEADER)).hasValue(KeyQueryHandler.instance(a.host));
  }

  @Test
  void pathPartsAreDecodedIntoTheKey() throws Exception {
    owners.put("acme/group one/x", b.host);
    b.local.put("acme/group one/x", "found");

    HttpResponse<String> response = get(a, "/things/acme/group%20one%2Fx/value");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).contains("\"value\":\"found\"");
  }

  @Test
  void withoutAnOwnerTheClientIsToldToRetry() throws Exception {
    HttpResponse<String> response = get(a, "/things/acme/nobody/value");

    assertThat(response.statusCode()).isEqualTo(503);
    assertThat(response.headers().firstValue("Retry-After")).isPresent();
  }

  @Test
  void aForwardedRequestIsNeverForwardedAgain() throws Exception {
    owners.put("acme/t1", b.host);
    HttpRequest forwardedToTheWrongInstance = HttpRequest.newBuilder(uri(a, "/things/acme/t1/value"))
        .header(KeyQueryHandler.FORWARDED_BY_HEADER, KeyQueryHandler.instance(b.host)).build();

    HttpResponse<String> response = client.send(forwardedToTheWrongInstance, HttpResponse.BodyHandlers.ofString());

    assertThat(response.statusCode()).isEqualTo(503);
    assertThat(response.body()).contains("moving");
  }

  @Test
  void aMigratingStoreAnswersRetry() throws Exception {
    owners.put("acme/t1", a.host);
    a.storeMigrating = true;

    assertThat(get(a, "/things/acme/t1/value").statusCode()).isEqualTo(503);
  }

  @Test
  void anUnreachableOwnerIsABadGateway() throws Exception {
    int port;
    try (ServerSocket closedRightAway = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = closedRightAway.getLocalPort();
    }
    owners.put("acme/t1", new HostInfo("127.0.0.1", port));

    HttpResponse<String> response = get(a, "/things/acme/t1/value");

    assertThat(response.statusCode()).isEqualTo(502);
    assertThat(response.body()).contains("127.0.0.1:" + port);
  }

  @Test
  void unknownPathsAndMethodsAreRefused() throws Exception {
    assertThat(get(a, "/things/acme/value").statusCode()).isEqualTo(404);
    assertThat(get(a, "/other/acme/t1/value").statusCode()).isEqualTo(404);
    HttpRequest post = HttpRequest.newBuilder(uri(a, "/things/acme/t1/value"))
        .POST(HttpRequest.BodyPublishers.ofString("x")).build();
    assertThat(client.send(post, HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(405);
  }

  private HttpResponse<String> get(Instance instance, String pathAndQuery) throws Exception {
    return client.send(HttpRequest.newBuilder(uri(instance, pathAndQuery)).build(), HttpResponse.BodyHandlers.ofString());
  }

  private static URI uri(Instance instance, String pathAndQuery) {
    return URI.create("http://" + KeyQueryHandler.instance(instance.host) + pathAndQuery);
  }
}
