package io.groupguard.topology;

import io.groupguard.avro.ModerationRule;
import io.groupguard.rules.TenantRuleSet;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * Compiled rule sets per tenant, shared by the stream threads of one instance. The global
 * rule store is the truth; a tenant's set is compiled on first use and again after any of
 * its rules changed. A generation per tenant, bumped before the change is visible to
 * readers' next lookup, keeps a compile that raced with a change from being kept.
 */
public final class TenantRuleSetCache {

  private record Compiled(long generation, TenantRuleSet rules) {
  }

  private final ConcurrentHashMap<String, AtomicLong> generations = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<String, Compiled> compiled = new ConcurrentHashMap<>();

  /** Called by the global store updater after a rule of the tenant changed. */
  public void invalidate(String tenantId) {
    generations.computeIfAbsent(tenantId, t -> new AtomicLong()).incrementAndGet();
  }

  public TenantRuleSet rulesOf(String tenantId, ReadOnlyKeyValueStore<String, ModerationRule> rulesInForce) {
    long generation = generations.computeIfAbsent(tenantId, t -> new AtomicLong()).get();
    Compiled cached = compiled.get(tenantId);
    if (cached != null && cached.generation() == generation) {
      return cached.rules();
    }
    TenantRuleSet rules = TenantRuleSet.compile(tenantId, scan(tenantId, rulesInForce));
    compiled.put(tenantId, new Compiled(generation, rules));
    return rules;
  }

  private static List<ModerationRule> scan(String tenantId, ReadOnlyKeyValueStore<String, ModerationRule> store) {
    List<ModerationRule> rules = new ArrayList<>();
    try (KeyValueIterator<String, ModerationRule> it =
        store.prefixScan(RecordKeys.tenantPrefix(tenantId), Serdes.String().serializer())) {
      it.forEachRemaining(entry -> rules.add(entry.value));
    }
    return rules;
  }
}
