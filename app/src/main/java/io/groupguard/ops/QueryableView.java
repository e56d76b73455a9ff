package io.groupguard.ops;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * A key-value store served over HTTP: {@code GET {pathPrefix}{tenant}/{id}{pathSuffix}} looks
 * key {@code '<tenant>/<id>'} up in {@code storeName} on the instance that owns that key, and
 * renders what it found (null when absent) with the request's query parameters.
 */
public record QueryableView<S, V>(String pathPrefix, String pathSuffix, String storeName, Lookup<S, V> lookup,
    BiFunction<V, Map<String, String>, JsonNode> renderer) {

  /** How a view finds what a key names in a local store of {@code S} values: a point read, or a scan of the key's entries. */
  @FunctionalInterface
  public interface Lookup<S, V> {
    V find(ReadOnlyKeyValueStore<String, S> store, String key);
  }

  /** A view of the value stored under the key itself. */
  public static <V> QueryableView<V, V> ofValue(String pathPrefix, String pathSuffix, String storeName,
      BiFunction<V, Map<String, String>, JsonNode> renderer) {
    return new QueryableView<>(pathPrefix, pathSuffix, storeName, ReadOnlyKeyValueStore::get, renderer);
  }

  /** The store key a request path names, when the path is this view's. */
  Optional<String> keyOf(String rawPath) {
    return RequestPath.match(rawPath, pathPrefix, pathSuffix).map(path -> path.tenantId() + '/' + path.id());
  }

  /** What {@code key} names in {@code store}, the local instance of this view's store. */
  @SuppressWarnings("unchecked")
  Object find(ReadOnlyKeyValueStore<String, ?> store, String key) {
    return lookup.find((ReadOnlyKeyValueStore<String, S>) store, key);
  }

  @SuppressWarnings("unchecked")
  JsonNode render(Object value, Map<String, String> query) {
    return renderer.apply((V) value, query);
  }
}
