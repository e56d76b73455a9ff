package io.groupguard.cli;

import io.groupguard.avro.ModerationAction;
import io.groupguard.avro.Violation;
import io.groupguard.topology.RecordKeys;
import io.groupguard.topology.Topic;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code groupguard tail}: GroupGuard's decisions as they are made, one readable row each. */
@Command(name = "tail", mixinStandardHelpOptions = true,
    description = "Print violations or actions as they are committed, one row each, until Ctrl-C.")
final class TailCommand implements Callable<Integer> {

  enum Stream { violations, actions }

  @Parameters(paramLabel = "violations|actions", description = "Which decisions: ${COMPLETION-CANDIDATES}.")
  Stream stream;

  @Option(names = "--from-beginning", description = "Start with the oldest record kept, not with new ones.")
  boolean fromBeginning;

  @Option(names = "--tenant", paramLabel = "T", description = "Only this tenant's decisions.")
  String tenant;

  @Option(names = "--limit", paramLabel = "N", description = "Stop after N rows (default: run until Ctrl-C).")
  Long limit;

  @Mixin
  ConnectionOptions connectionOptions;

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    CliLogging.quietKafka();
    try (ClusterConnection connection = connectionOptions.connect()) {
      if (stream == Stream.violations) {
        DecisionTable.printViolationHeader(out);
        follow(connection, connection.topics().violations(), v -> DecisionTable.printViolation(out, v), out);
      } else {
        DecisionTable.printActionHeader(out);
        follow(connection, connection.topics().actions(), a -> DecisionTable.printAction(out, a), out);
      }
    }
    return 0;
  }

  private <V> void follow(ClusterConnection connection, Topic<String, V> topic, Consumer<V> printRow, PrintWriter out) {
    out.flush();
    try (TopicReader<V> reader = new TopicReader<>(connection.consumerSettings(), topic, fromBeginning)) {
      AtomicBoolean stopped = new AtomicBoolean();
      Thread stopper = new Thread(() -> {
        stopped.set(true);
        reader.wakeup();
      }, "groupguard-tail-stop");
      Runtime.getRuntime().addShutdownHook(stopper);
      long printed = 0;
      try {
        while (!stopped.get() && (limit == null || printed < limit)) {
          Iterable<ConsumerRecord<String, V>> records = reader.poll();
          for (ConsumerRecord<String, V> record : records) {
            if ((tenant == null || RecordKeys.tenantOf(record.key()).equals(tenant))
                && (limit == null || printed < limit)) {
              printRow.accept(record.value());
              printed++;
            }
          }
          out.flush();
        }
      } finally {
        removeHook(stopper);
      }
    }
  }

  private static void removeHook(Thread hook) {
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException shuttingDown) {
      // the JVM is already stopping (Ctrl-C): the hook is running
    }
  }
}
