package io.groupguard.cli;

import io.groupguard.GroupGuardApp;
import io.groupguard.avro.BlacklistEntry;
import io.groupguard.avro.ChatMessage;
import io.groupguard.avro.MemberEvent;
import io.groupguard.avro.ModerationRule;
import io.groupguard.embedded.LocalStack;
import io.groupguard.rules.BlacklistKey;
import io.groupguard.topology.GroupGuardTopology;
import io.groupguard.topology.RecordKeys;
import io.groupguard.topology.Topics;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Runs GroupGuard end to end on this machine: a real in-process KRaft broker and Schema
 * Registry, the bundled example rules, blacklist and chat traffic, and a table of what
 * GroupGuard decided.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
    description = "Start a local broker and registry, load the bundled rules, blacklist and chat traffic, "
        + "moderate it and print the violations and actions.")
final class DemoCommand implements Callable<Integer> {

  @Option(names = "--keep-running", description = "Keep the broker and GroupGuard running after the replay (Ctrl-C stops).")
  boolean keepRunning;

  @Option(names = "--timeout", defaultValue = "PT90S", description = "Longest wait for decisions, ISO-8601 duration (default ${DEFAULT-VALUE}).")
  Duration timeout;

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    List<ModerationRule> rules = RecordFiles.readYamlList(RecordFiles.resource("/demo/rules.yaml"), "demo/rules.yaml",
        "rules", ModerationRule.class);
    List<BlacklistEntry> blacklist = RecordFiles.readYamlList(RecordFiles.resource("/demo/blacklist.yaml"),
        "demo/blacklist.yaml", "entries", BlacklistEntry.class);
    List<ChatMessage> messages = RecordFiles.readJsonLines(RecordFiles.resource("/demo/messages.jsonl"),
        "demo/messages.jsonl", ChatMessage.class);
    List<MemberEvent> memberEvents = RecordFiles.readJsonLines(RecordFiles.resource("/demo/member-events.jsonl"),
        "demo/member-events.jsonl", MemberEvent.class);

    PrintWriter out = spec.commandLine().getOut();
    CliLogging.quietKafka();
    out.println("Starting a local KRaft broker and Schema Registry ...");
    out.flush();
    try (LocalStack stack = LocalStack.start();
        GroupGuardApp app = GroupGuardApp.start(stack.config("groupguard-demo", Map.of()));
        ClusterConnection connection = new ClusterConnection(stack.config("groupguard-demo", Map.of()))) {
      out.printf("Broker %s, registry %s%n", stack.bootstrapServers(), stack.schemaRegistryUrl());
      Topics topics = app.topics();
      Map<String, Object> producerSettings = connection.producerSettings(Map.of());
      long now = System.currentTimeMillis();
      RecordPublisher.publishAll(producerSettings, topics.rules(), rules,
          r -> RecordKeys.rule(r.getTenantId(), r.getRuleId()), r -> now);
      RecordPublisher.publishAll(producerSettings, topics.blacklist(), blacklist, e -> BlacklistKey.of(e).format(), e -> now);
      out.printf("Published %d rules and %d blacklist entries; waiting until they are in force ...%n",
          rules.size(), blacklist.size());

      out.flush();
      try (DecisionCollector decisions = new DecisionCollector(connection.consumerSettings(), topics)) {
        awaitInForce(app.streams(), decisions, rules.size() + blacklist.size());
        out.printf("Replaying %d chat messages and %d member events ...%n%n", messages.size(), memberEvents.size());
        out.flush();
        RecordPublisher.publishAll(producerSettings, topics.messages(), messages,
            m -> RecordKeys.group(m.getTenantId(), m.getGroupId()),
            m -> m.getSendTime().toEpochMilli());
        RecordPublisher.publishAll(producerSettings, topics.memberEvents(), memberEvents,
            e -> RecordKeys.group(e.getTenantId(), e.getGroupId()),
            e -> e.getEventTime().toEpochMilli());
        decisions.drain(Duration.ofSeconds(3), timeout);
        DecisionTable.print(out, messages, decisions);
        if (decisions.violations.isEmpty()) {
          out.println("No violations arrived within " + timeout + ": something is wrong, see the log above.");
          out.flush();
          return 1;
        }
        if (keepRunning) {
          out.println("\nGroupGuard keeps running; produce to " + topics.messages().name() + " at "
              + stack.bootstrapServers() + ". Ctrl-C stops.");
          app.httpUrl().ifPresent(url -> out.println("Metrics: " + url + "/metrics, readiness: " + url
              + "/ready, recent violations: " + url + "/groups/{tenant}/{group}/violations"));
          out.flush();
          CountDownLatch stop = new CountDownLatch(1);
          Runtime.getRuntime().addShutdownHook(new Thread(stop::countDown));
          stop.await();
        }
      }
    }
    return 0;
  }

  /** Waits until every published configuration record is in the global stores or was rejected. */
  private void awaitInForce(KafkaStreams streams, DecisionCollector decisions, int published) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      decisions.poll(Duration.ofMillis(100));
      if (streams.state() == KafkaStreams.State.RUNNING
          && countStore(streams, GroupGuardTopology.RULES_IN_FORCE_STORE)
              + countStore(streams, GroupGuardTopology.BLACKLIST_IN_FORCE_STORE)
              + decisions.rejections.size() >= published) {
        return;
      }
    }
    throw new IllegalStateException("rules and blacklist were not in force within " + timeout
        + " (streams state " + streams.state() + ")");
  }

  private static long countStore(KafkaStreams streams, String storeName) {
    ReadOnlyKeyValueStore<String, Object> store = streams.store(
        StoreQueryParameters.fromNameAndType(storeName, QueryableStoreTypes.keyValueStore()));
    long count = 0;
    try (var all = store.all()) {
      while (all.hasNext()) {
        all.next();
        count++;
      }
    }
    return count;
  }
}
