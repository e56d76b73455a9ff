package io.groupguard.topology;

import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Keeps a global store equal to its in-force topic (a tombstone deletes) and tells its listener
 * when the store opens and which key changed, so that derived caches and filters follow it.
 */
final class InForceStoreUpdater<V> implements Processor<String, V, Void, Void> {

  private final String storeName;
  private final InForceListener listener;
  private KeyValueStore<String, V> store;

  InForceStoreUpdater(String storeName, InForceListener listener) {
    this.storeName = storeName;
    this.listener = listener;
  }

  @Override
  public void init(ProcessorContext<Void, Void> context) {
    store = context.getStateStore(storeName);
    listener.opened(store);
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
    listener.changed(record.key(), store);
  }
}
