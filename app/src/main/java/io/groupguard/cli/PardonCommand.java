package io.groupguard.cli;

import io.groupguard.avro.AdminCommand;
import io.groupguard.avro.AdminCommandType;
import io.groupguard.config.GroupGuardConfig;
import io.groupguard.serde.ConfluentWireFormat;
import io.groupguard.serde.SchemaRegistryClient;
import io.groupguard.topology.RecordKeys;
import io.groupguard.topology.Topic;
import java.io.IOException;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.DecoderFactory;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.Serdes;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code groupguard pardon}: an operator's command about a member, for enforcement to carry out. */
@Command(name = "pardon", mixinStandardHelpOptions = true,
    description = {"Pardon a member: lift the current mute or kick and remove the last strike (default), clear all "
        + "strikes (--reset), or lift mutes only (--unmute). Sent as an AdminCommand to the admin-commands topic.",
        "When the answer topic exists, waits for GroupGuard's answer and prints it."})
final class PardonCommand implements Callable<Integer> {

  @Option(names = "--tenant", required = true, paramLabel = "T", description = "Tenant of the member.")
  String tenant;

  @Option(names = "--member", required = true, paramLabel = "M", description = "Member to pardon.")
  String member;

  @Option(names = "--group", paramLabel = "G", description = "Only this group (default: every group of the tenant).")
  String group;

  @ArgGroup(exclusive = true)
  Kind kind = new Kind();

  static final class Kind {
    @Option(names = "--reset", description = "Clear all strikes (RESET_STRIKES).")
    boolean reset;

    @Option(names = "--unmute", description = "Lift mutes only (UNMUTE).")
    boolean unmute;

    AdminCommandType type() {
      return reset ? AdminCommandType.RESET_STRIKES : unmute ? AdminCommandType.UNMUTE : AdminCommandType.PARDON;
    }
  }

  @Option(names = "--operator", required = true, paramLabel = "OP", description = "Who issues it (audit).")
  String operator;

  @Option(names = "--note", paramLabel = "TEXT", description = "Why (audit).")
  String note;

  @Option(names = "--results-topic", defaultValue = "groupguard.admin-results", paramLabel = "TOPIC",
      description = "Topic GroupGuard answers on, when it exists (default ${DEFAULT-VALUE}).")
  String resultsTopic;

  @Option(names = "--timeout", defaultValue = "PT30S",
      description = "Longest wait for the answer, ISO-8601 duration (default ${DEFAULT-VALUE}).")
  Duration timeout;

  @Mixin
  ConnectionOptions connectionOptions;

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() throws InterruptedException {
    PrintWriter out = spec.commandLine().getOut();
    AdminCommand command = AdminCommand.newBuilder()
        .setCommandId(UUID.randomUUID().toString())
        .setTenantId(tenant)
        .setMemberId(member)
        .setGroupId(group)
        .setType(kind.type())
        .setOperatorId(operator)
        .setNote(note)
        .setIssuedAt(Instant.now())
        .build();
    CliLogging.quietKafka();
    try (ClusterConnection connection = connectionOptions.connect()) {
      Topic<String, AdminCommand> commands = connection.adminCommands();
      Topic<String, byte[]> results = new Topic<>(resultsTopic, Serdes.String(), Serdes.ByteArray(), false);
      Set<String> existing = topicNames(connection);
      if (!existing.contains(commands.name())) {
        throw new IllegalStateException("topic " + commands.name() + " does not exist; is GroupGuard's enforcement "
            + "deployed there (setting " + GroupGuardConfig.TOPIC_ADMIN_COMMANDS + ")?");
      }
      try (TopicReader<byte[]> answers = existing.contains(resultsTopic)
          ? new TopicReader<>(connection.consumerSettings(), results, false) : null) {
        RecordPublisher.publishAll(connection.producerSettings(Map.of()), commands, List.of(command),
            c -> RecordKeys.member(c.getTenantId(), c.getMemberId()), c -> c.getIssuedAt().toEpochMilli());
        out.printf("%s %s/%s sent to %s (command %s)%n", command.getType(), tenant, member, commands.name(),
            command.getCommandId());
        out.flush();
        if (answers == null) {
          out.println("no answer topic " + resultsTopic + ": enforcement applies the command when it reads it");
          out.flush();
          return 0;
        }
        return awaitAnswer(answers, command.getCommandId(), connection.registry(), out);
      }
    }
  }

  private static Set<String> topicNames(ClusterConnection connection) throws InterruptedException {
    try (Admin admin = connection.admin()) {
      return admin.listTopics().names().get();
    } catch (ExecutionException e) {
      throw new IllegalStateException("cannot list topics: " + e.getCause().getMessage(), e.getCause());
    }
  }

  /** Answers are Avro records carrying the commandId; their schema comes from the registry. */
  private int awaitAnswer(TopicReader<byte[]> answers, String commandId, SchemaRegistryClient registry,
      PrintWriter out) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      for (ConsumerRecord<String, byte[]> record : answers.poll()) {
        GenericRecord answer = decode(answers.topicName(), record.value(), registry);
        if (answer != null && answer.hasField("commandId") && Objects.equals(String.valueOf(answer.get("commandId")),
            commandId)) {
          out.println("answer: " + answer);
          out.flush();
          return 0;
        }
      }
    }
    out.println("no answer on " + answers.topicName() + " within " + timeout);
    out.flush();
    return 1;
  }

  private static GenericRecord decode(String topic, byte[] payload, SchemaRegistryClient registry) {
    if (payload == null) {
      return null;
    }
    int schemaId = ConfluentWireFormat.schemaId(topic, payload);
    var schema = registry.getById(schemaId);
    try {
      return new GenericDatumReader<GenericRecord>(schema).read(null, DecoderFactory.get().binaryDecoder(payload,
          ConfluentWireFormat.HEADER_SIZE, payload.length - ConfluentWireFormat.HEADER_SIZE, null));
    } catch (IOException e) {
      throw new IllegalStateException("unreadable answer on " + topic + ": " + e.getMessage(), e);
    }
  }
}
