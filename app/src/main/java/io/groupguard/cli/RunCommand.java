package io.groupguard.cli;

import io.groupguard.GroupGuardApp;
import io.groupguard.config.GroupGuardConfig;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.streams.KafkaStreams;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** Runs GroupGuard against an existing Kafka cluster and Schema Registry until stopped. */
@Command(name = "run", mixinStandardHelpOptions = true,
    description = "Run GroupGuard against an existing cluster. Settings come from the properties file, "
        + "then GROUPGUARD_* environment variables (GROUPGUARD_TOPIC_MESSAGES overrides topic.messages).")
final class RunCommand implements Callable<Integer> {

  @Mixin
  ConnectionOptions connectionOptions;

  @Override
  public Integer call() throws Exception {
    GroupGuardConfig config = connectionOptions.load();
    GroupGuardApp app = GroupGuardApp.start(config);
    CountDownLatch closed = new CountDownLatch(1);
    // On Ctrl-C / SIGTERM the JVM exits when the hooks return: close (commit, flush state) inside the hook.
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      app.close();
      closed.countDown();
    }, "groupguard-shutdown"));
    // Also stop when every stream thread has died.
    while (!closed.await(1, TimeUnit.SECONDS)) {
      if (app.streams().state() == KafkaStreams.State.ERROR) {
        return 1;
      }
    }
    return 0;
  }
}
