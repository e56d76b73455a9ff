package io.groupguard.ops;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;

/**
 * A key-value store served over HTTP: {@code GET {pathPrefix}{tenant}/{id}{pathSuffix}} reads
 * key {@code '<tenant>/<id>'} from {@code storeName} on the instance that owns that key, and
 * renders the value (null when absent) with the request's query parameters.
 */
public record QueryableView<V>(String pathPrefix, String pathSuffix, String storeName,
    BiFunction<V, Map<String, String>, JsonNode> renderer) {

  /** The store key a request path names, when the path is this view's. */
  Optional<String> keyOf(String rawPath) {
    return RequestPath.match(rawPath, pathPrefix, pathSuffix).map(path -> path.tenantId() + '/' + path.id());
  }

  @SuppressWarnings("unchecked")
  JsonNode render(Object value, Map<String, String> query) {
    return renderer.apply((V) value, query);
  }
}
