package io.groupguard.topology.limits;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.common.utils.Utils;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.processor.TaskId;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.state.WindowStore;

/** Real (RocksDB) event stores of {@link LimitWindows}, opened outside a topology for tests and benchmarks. Close them. */
public final class WindowStores implements AutoCloseable {

  public static final LimitWindows WINDOWS = new LimitWindows(Duration.ofMinutes(5));

  private final File stateDir;
  private final MockProcessorContext<Object, Object> context;
  private final List<WindowStore<String, String>> opened = new ArrayList<>();

  public WindowStores() {
    try {
      stateDir = Files.createTempDirectory("groupguard-limits-").toFile();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Properties config = new Properties();
    config.put(StreamsConfig.APPLICATION_ID_CONFIG, "limits-test");
    config.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
    config.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_GLOBAL_ENABLED_CONFIG, true); // as the application sets it; else a warning per store
    context = new MockProcessorContext<>(config, new TaskId(0, 0), stateDir);
  }

  public WindowStore<String, String> open(String name) {
    WindowStore<String, String> store = WINDOWS.eventStore(name).withLoggingDisabled().build();
    store.init(context.getStateStoreContext(), store);
    opened.add(store);
    return store;
  }

  @Override
  public void close() {
    opened.forEach(WindowStore::close);
    try {
      Utils.delete(stateDir);
    } catch (IOException e) {
      // a temp dir left behind is harmless
    }
  }
}
