package io.groupguard.topology;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class GlobalStoreKeysTest {

  private final GlobalStoreKeys keys = new GlobalStoreKeys();
  private KeyValueStore<String, String> store;

  @BeforeEach
  void openStore() {
    store = Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore("in-force"), Serdes.String(), Serdes.String())
        .withLoggingDisabled().build();
    store.init(new MockProcessorContext<>().getStateStoreContext(), store);
  }

  @Test
  void keysTheStoreHeldWhenItOpenedAreFound() {
    store.put("acme/enterprise//bob", "barred");
    keys.opened(store);
    assertThat(keys.get(store, "acme/enterprise//bob")).isEqualTo("barred");
  }

  @Test
  void keysWrittenLaterAreFoundAndAbsentOnesAreNotReadFromTheStore() {
    keys.opened(store);
    store.put("acme/enterprise//bob", "barred");
    keys.changed("acme/enterprise//bob", store);
    // written behind the filter's back: the filter rules the key out, so the store is not asked
    store.put("acme/enterprise//eve", "unseen");
    assertThat(keys.get(store, "acme/enterprise//bob")).isEqualTo("barred");
    assertThat(keys.get(store, "acme/enterprise//eve")).isNull();
  }

  @Test
  void growingPastTheFirstFilterLosesNoKey() {
    keys.opened(store);
    List<String> written = new ArrayList<>();
    IntStream.range(0, (int) GlobalStoreKeys.MIN_CAPACITY * 3).forEach(i -> {
      String key = "acme/enterprise//member-" + i;
      store.put(key, "barred");
      keys.changed(key, store);
      written.add(key);
    });
    assertThat(written).allMatch(key -> "barred".equals(keys.get(store, key)));
  }
}
