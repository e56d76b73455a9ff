package io.groupguard.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.groupguard.avro.AdminCommand;
import io.groupguard.avro.AdminCommandType;
import io.groupguard.avro.ChatMessage;
import io.groupguard.cli.GroupGuardCli;
import io.groupguard.config.GroupGuardConfig;
import io.groupguard.testing.KafkaTestCluster;
import io.groupguard.topology.RecordKeys;
import io.groupguard.topology.Topic;
import java.io.BufferedWriter;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.streams.KeyValue;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import io.groupguard.serde.SpecificAvroSerde;
import io.groupguard.serde.RestSchemaRegistryClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The operator CLI against a running GroupGuard on a real broker, connected through a --config file. */
class CliIT {

  private static final Logger LOG = LoggerFactory.getLogger(CliIT.class);
  private static final int IMPORT_ROWS = 1_000_000;
  private static final int INVALID_EVERY = 100;

  @RegisterExtension
  static final KafkaTestCluster KAFKA = new KafkaTestCluster();

  private static RunningApp gg;
  private static Path configFile;

  @TempDir
  static Path dir;

  @BeforeAll
  static void start() throws Exception {
    gg = new RunningApp(KAFKA, "cli", Map.of());
    Properties properties = new Properties();
    gg.config.originals().forEach((key, value) -> properties.setProperty(key, String.valueOf(value)));
    configFile = dir.resolve("groupguard.properties");
    try (BufferedWriter out = Files.newBufferedWriter(configFile)) {
      properties.store(out, "CliIT");
    }
  }

  @AfterAll
  static void stop() throws Exception {
    gg.close();
  }

  @Test
  void rulesApplyPutsRulesInForceAndListShowsThem() throws Exception {
    Path rules = write("rules.yaml", rulesYaml("acme", 1, "idiot"));

    Run applied = cli("rules", "apply", rules.toString());
    assertThat(applied.exitCode).as(applied.text()).isZero();
    assertThat(applied.out).contains("+ acme/language v1 \"Respectful language\" (new)", "+ acme/ads v1",
        "in force:  acme/language v1", "in force:  acme/ads v1");

    Run listed = cli("rules", "list", "--tenant", "acme");
    assertThat(listed.exitCode).as(listed.text()).isZero();
    assertThat(listed.out).containsPattern("acme/language\\s+v1\\s+Respectful language\\s+all\\s+1\\s+enforced")
        .contains("2 rules in force for tenant acme");

    Path changed = write("rules-v2.yaml", rulesYaml("acme", 2, "loser"));
    Run dryRun = cli("rules", "apply", "--dry-run", changed.toString());
    assertThat(dryRun.out).contains("~ acme/language v1 -> v2", "keywords: +{\"text\":\"loser\",\"match\":\"AUTO\"}",
        "dry run: nothing published");

    Run reapplied = cli("rules", "apply", changed.toString());
    assertThat(reapplied.exitCode).as(reapplied.text()).isZero();
    assertThat(reapplied.out).contains("in force:  acme/language v2", "1 unchanged");
    assertThat(cli("rules", "list", "--tenant", "acme").out).containsPattern("acme/language\\s+v2");
  }

  @Test
  void anInvalidRuleIsRejectedWithTheValidatorsReasonsAndNothingIsPublished() throws Exception {
    Path rules = write("invalid.yaml", rulesYaml("initech", 1, "idiot").replace("\"idiot\"", "\"" + "x".repeat(61) + "\""));

    Run applied = cli("rules", "apply", rules.toString());

    assertThat(applied.exitCode).isEqualTo(2);
    assertThat(applied.err).contains("initech/language v1: keywords[0].text:", "nothing published");
    assertThat(cli("rules", "list", "--tenant", "initech").out).contains("0 rules in force for tenant initech");
  }

  @Test
  void tailPrintsViolationsAsTheyAreCommitted() throws Exception {
    assertThat(cli("rules", "apply", write("tail-rules.yaml", rulesYaml("tailco", 1, "idiot")).toString()).exitCode)
        .isZero();
    gg.produce(gg.topics.messages(), List.of(KeyValue.pair(RecordKeys.group("tailco", "g1"), ChatMessage.newBuilder()
        .setTenantId("tailco").setGroupId("g1").setMessageId("m-1").setSenderId("c-1")
        .setSendTime(Instant.now()).setText("what an idiot").build())));

    Run tail = cli("tail", "violations", "--from-beginning", "--tenant", "tailco", "--limit", "1");

    assertThat(tail.exitCode).as(tail.text()).isZero();
    assertThat(tail.out).contains("VIOLATION").containsPattern("tailco/g1\\s+c-1\\s+m-1\\s+KEYWORD:language \"idiot\"");
  }

  @Test
  void pardonProducesAnAdminCommand() throws Exception {
    Topic<String, AdminCommand> commands = new Topic<>(gg.config.getString(GroupGuardConfig.TOPIC_ADMIN_COMMANDS),
        Serdes.String(), new SpecificAvroSerde<>(new RestSchemaRegistryClient(gg.registry.url(), null,
            Duration.ofSeconds(5)), AdminCommand.class, false), false);
    KAFKA.createTopics(new NewTopic(commands.name(), 1, (short) 1));

    Run pardon = cli("pardon", "--tenant", "acme", "--member", "c-7", "--group", "g1", "--unmute", "--operator",
        "op-lee", "--note", "appeal accepted");

    assertThat(pardon.exitCode).as(pardon.text()).isZero();
    assertThat(pardon.out).contains("UNMUTE acme/c-7 sent to " + commands.name(), "no answer topic");
    ConsumerRecord<String, AdminCommand> sent = gg.consumeUntil(commands, records -> !records.isEmpty()).get(0);
    assertThat(sent.key()).isEqualTo("acme/c-7");
    assertThat(sent.value().getType()).isEqualTo(AdminCommandType.UNMUTE);
    assertThat(sent.value().getGroupId()).isEqualTo("g1");
    assertThat(sent.value().getOperatorId()).isEqualTo("op-lee");
    assertThat(sent.value().getNote()).isEqualTo("appeal accepted");
  }

  @Test
  void blacklistImportOfAMillionRowsLandsEveryValidRow() throws Exception {
    Path csv = dir.resolve("blacklist.csv");
    try (BufferedWriter out = Files.newBufferedWriter(csv)) {
      out.write("tenantId,scope,ownerId,memberId,reason,expiresAt\n");
      for (int i = 0; i < IMPORT_ROWS; i++) {
        String tenant = "bl" + (i % 10);
        if (i % INVALID_EVERY == 0) {
          out.write(tenant + ",GLOBAL,,m" + i + ",bad scope,\n");
        } else if (i % 7 == 0) {
          out.write(tenant + ",PERSONAL,emp-" + (i % 50) + ",m" + i + ",\"quoted, reason\",2030-01-01T00:00:00Z\n");
        } else {
          out.write(tenant + ",ENTERPRISE,,m" + i + ",,\n");
        }
      }
    }
    int valid = IMPORT_ROWS - IMPORT_ROWS / INVALID_EVERY;
    Path rejects = dir.resolve("rejects.csv");

    long started = System.nanoTime();
    Run imported = cli("blacklist", "import", "--no-progress", "--rejects", rejects.toString(), csv.toString());
    long importMillis = (System.nanoTime() - started) / 1_000_000;

    assertThat(imported.exitCode).as(imported.text()).isZero();
    assertThat(imported.out).contains(String.format("rows read:          %,d", IMPORT_ROWS),
        String.format("published:          %,d", valid),
        String.format("rejected locally:   %,d", IMPORT_ROWS / INVALID_EVERY),
        "line 2: scope: 'GLOBAL', expected ENTERPRISE or PERSONAL");
    assertThat(Files.lines(rejects).count()).isEqualTo(1 + IMPORT_ROWS / INVALID_EVERY);

    Set<String> inForce = awaitKeys(gg.topics.blacklistInForce().name(), valid);
    long totalMillis = (System.nanoTime() - started) / 1_000_000;
    LOG.info("blacklist import: {} rows published in {} ms ({} rows/s); all {} in force after {} ms", IMPORT_ROWS,
        importMillis, IMPORT_ROWS * 1000L / importMillis, valid, totalMillis);
    assertThat(inForce).hasSize(valid).contains("bl1/E/m1", "bl7/P/emp-7/m7", "bl9/P/emp-49/m999999", "bl8/E/m999998")
        .doesNotContain("bl0/E/m0", "bl0/E/m100");
  }

  /** Distinct keys of a topic, read until {@code expected} arrived. */
  private static Set<String> awaitKeys(String topic, int expected) {
    Map<String, Object> settings = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, KAFKA.bootstrapServers(),
        ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed", ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 10_000);
    Set<String> keys = new HashSet<>();
    try (KafkaConsumer<String, byte[]> consumer =
        new KafkaConsumer<>(settings, new StringDeserializer(), new ByteArrayDeserializer())) {
      List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
          .map(p -> new TopicPartition(topic, p.partition())).toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      long deadline = System.nanoTime() + Duration.ofSeconds(180).toNanos();
      while (keys.size() < expected && System.nanoTime() < deadline) {
        consumer.poll(Duration.ofMillis(500)).forEach(record -> keys.add(record.key()));
      }
    }
    return keys;
  }

  private static String rulesYaml(String tenant, long version, String keyword) {
    return """
        rules:
          - tenantId: "%1$s"
            ruleId: "language"
            version: %2$d
            name: "Respectful language"
            creatorId: "emp-1"
            allGroups: true
            keywords:
              - text: "%3$s"
          - tenantId: "%1$s"
            ruleId: "ads"
            version: 1
            name: "No ads"
            creatorId: "emp-1"
            allGroups: true
            keywords:
              - text: "代购"
        """.formatted(tenant, version, keyword);
  }

  private static Path write(String name, String content) throws Exception {
    return Files.writeString(dir.resolve(name + "-" + UUID.randomUUID()), content);
  }

  private record Run(int exitCode, String out, String err) {
    String text() {
      return out + err;
    }
  }

  /** Runs a command with the IT's --config file appended. */
  private static Run cli(String... args) {
    String[] withConfig = Arrays.copyOf(args, args.length + 2);
    withConfig[args.length] = "--config";
    withConfig[args.length + 1] = configFile.toString();
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    var commandLine = GroupGuardCli.commandLine();
    commandLine.setOut(new PrintWriter(out, true));
    commandLine.setErr(new PrintWriter(err, true));
    int exitCode = commandLine.execute(withConfig);
    return new Run(exitCode, out.toString(), err.toString());
  }
}
