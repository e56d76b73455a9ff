package io.groupguard.cli;

import io.groupguard.GroupGuardApp;
import io.groupguard.config.GroupGuardConfig;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.streams.KafkaStreams;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Runs GroupGuard against an existing Kafka cluster and Schema Registry until stopped. */
@Command(name = "run", mixinStandardHelpOptions = true,
    description = "Run GroupGuard against an existing cluster. Settings come from the properties file, "
        + "then GROUPGUARD_* environment variables (GROUPGUARD_TOPIC_MESSAGES overrides topic.messages).")
final class RunCommand implements Callable<Integer> {

  @Option(names = "--config", description = "Properties file (see the README's configuration table).")
  Path configFile;

  @Override
  public Integer call() throws Exception {
    GroupGuardConfig config = GroupGuardConfig.load(configFile, System.getenv(), Map.of());
    CountDownLatch stopped = new CountDownLatch(1);
    try (GroupGuardApp app = GroupGuardApp.start(config)) {
      Runtime.getRuntime().addShutdownHook(new Thread(stopped::countDown, "groupguard-shutdown"));
      // Stop on Ctrl-C / SIGTERM, or when every stream thread has died.
      while (!stopped.await(1, TimeUnit.SECONDS)) {
        if (app.streams().state() == KafkaStreams.State.ERROR) {
          return 1;
        }
      }
      return 0;
    }
  }
}
