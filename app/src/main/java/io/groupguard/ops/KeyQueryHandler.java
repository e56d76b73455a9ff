package io.groupguard.ops;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.HostInfo;

/**
 * Answers queries of {@link QueryableView}s: from the local store when this instance owns the
 * key, otherwise by forwarding the request once to the owner and relaying its answer. Every
 * answer names the instance that produced it in {@link #INSTANCE_HEADER}.
 */
final class KeyQueryHandler implements HttpHandler {

  static final String INSTANCE_HEADER = "X-GroupGuard-Instance";
  /** Marks a forwarded request, so that an instance that lost the key meanwhile does not forward again. */
  static final String FORWARDED_BY_HEADER = "X-GroupGuard-Forwarded-By";

  private static final Duration FORWARD_TIMEOUT = Duration.ofSeconds(10);

  private final List<QueryableView<?, ?>> views;
  private final StoreDirectory stores;
  private final HostInfo self;
  private final HttpClient client;

  KeyQueryHandler(List<QueryableView<?, ?>> views, StoreDirectory stores, HostInfo self, HttpClient client) {
    this.views = List.copyOf(views);
    this.stores = stores;
    this.self = self;
    this.client = client;
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    try {
      if (!"GET".equals(exchange.getRequestMethod())) {
        JsonResponses.error(exchange, 405, "only GET is supported");
        return;
      }
      String path = exchange.getRequestURI().getRawPath();
      for (QueryableView<?, ?> view : views) {
        Optional<String> key = view.keyOf(path);
        if (key.isPresent()) {
          answer(exchange, view, key.get());
          return;
        }
      }
      JsonResponses.error(exchange, 404, "no such resource: " + path);
    } finally {
      exchange.close();
    }
  }

  private void answer(HttpExchange exchange, QueryableView<?, ?> view, String key) throws IOException {
    HostInfo owner = stores.ownerOf(view.storeName(), key);
    if (owner == null) {
      unavailable(exchange, "no instance owns this key yet (starting or rebalancing); retry");
    } else if (owner.equals(self)) {
      answerLocally(exchange, view, key);
    } else if (exchange.getRequestHeaders().containsKey(FORWARDED_BY_HEADER)) {
      unavailable(exchange, "the key is moving between instances; retry");
    } else {
      forward(exchange, owner);
    }
  }

  private void answerLocally(HttpExchange exchange, QueryableView<?, ?> view, String key) throws IOException {
    Object value;
    try {
      value = view.find(stores.localStore(view.storeName()), key);
    } catch (InvalidStateStoreException e) {
      unavailable(exchange, "the store cannot be queried right now (" + e.getMessage() + "); retry");
      return;
    }
    exchange.getResponseHeaders().set(INSTANCE_HEADER, instance(self));
    JsonNode body;
    try {
      body = view.render(value, queryParameters(exchange.getRequestURI()));
    } catch (IllegalArgumentException e) {
      JsonResponses.error(exchange, 400, e.getMessage());
      return;
    }
    JsonResponses.send(exchange, 200, body);
  }

  private void forward(HttpExchange exchange, HostInfo owner) throws IOException {
    URI request = exchange.getRequestURI();
    URI target = URI.create("http://" + instance(owner) + request.getRawPath()
        + (request.getRawQuery() == null ? "" : "?" + request.getRawQuery()));
    HttpResponse<byte[]> response;
    try {
      response = client.send(HttpRequest.newBuilder(target).timeout(FORWARD_TIMEOUT)
          .header(FORWARDED_BY_HEADER, instance(self)).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
    } catch (IOException e) {
      JsonResponses.error(exchange, 502, "the owning instance " + instance(owner) + " did not answer: " + e.getMessage());
      return;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      JsonResponses.error(exchange, 503, "interrupted while asking " + instance(owner));
      return;
    }
    response.headers().firstValue(INSTANCE_HEADER)
        .ifPresent(answeredBy -> exchange.getResponseHeaders().set(INSTANCE_HEADER, answeredBy));
    JsonResponses.send(exchange, response.statusCode(),
        response.headers().firstValue("Content-Type").orElse("application/json"), response.body());
  }

  private static void unavailable(HttpExchange exchange, String reason) throws IOException {
    exchange.getResponseHeaders().set("Retry-After", "1");
    JsonResponses.error(exchange, 503, reason);
  }

  static String instance(HostInfo host) {
    return host.host() + ":" + host.port();
  }

  static Map<String, String> queryParameters(URI uri) {
    Map<String, String> parameters = new HashMap<>();
    String query = uri.getRawQuery();
    if (query == null || query.isEmpty()) {
      return parameters;
    }
    for (String pair : query.split("&")) {
      int equals = pair.indexOf('=');
      String name = equals < 0 ? pair : pair.substring(0, equals);
      String value = equals < 0 ? "" : pair.substring(equals + 1);
      parameters.put(URLDecoder.decode(name, StandardCharsets.UTF_8), URLDecoder.decode(value, StandardCharsets.UTF_8));
    }
    return parameters;
  }
}
