package io.groupguard.topology;

import java.util.function.Consumer;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Keeps a global store equal to its in-force topic (a tombstone deletes) and tells
 * listeners which key changed, so that derived caches are rebuilt for later messages.
 */
final class InForceStoreUpdater<V> implements Processor<String, V, Void, Void> {

  private final String storeName;
  private final Consumer<String> onChange;
  private KeyValueStore<String, V> store;

  InForceStoreUpdater(String storeName, Consumer<String> onChange) {
    this.storeName = storeName;
    this.onChange = onChange;
  }

  @Override
  public void init(ProcessorContext<Void, Void> context) {
    store = context.getStateStore(storeName);
  }

  @Override
  public void process(Record<String, V> record) {
    if (record.key() == null) {
      return; // only validated records reach in-force topics, and those always have a key
    }
    if (record.value() == null) {
      store.delete(record.key());
    } else {
      store.put(record.key(), record.value());
    }
    onChange.accept(record.key());
  }
}
