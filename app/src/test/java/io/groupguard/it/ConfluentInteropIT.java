package io.groupguard.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.groupguard.avro.ChatMessage;
import io.groupguard.avro.Keyword;
import io.groupguard.avro.KeywordMatch;
import io.groupguard.avro.SenderKind;
import io.groupguard.rules.TestRules;
import io.groupguard.testing.KafkaTestCluster;
import io.groupguard.topology.GroupGuardTopology;
import io.groupguard.topology.RecordKeys;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.streams.KeyValue;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Interoperability with third-party Confluent-format clients from npm, in both directions, through
 * {@code scripts/interop/interop.js} over kafkajs: Confluent's own serde
 * ({@code @confluentinc/schemaregistry}) and {@code @kafkajs/confluent-schema-registry} each
 * register their own ChatMessage schema in GroupGuard's registry and produce wire-format messages;
 * GroupGuard decodes and moderates them; the same serde decodes GroupGuard's violations and
 * actions with the writer schemas it fetches by id, and the script checks their fields.
 */
class ConfluentInteropIT {

  @RegisterExtension
  static final KafkaTestCluster KAFKA = new KafkaTestCluster();

  private static final Path INTEROP = Path.of(System.getProperty("groupguard.repo.root", ".."), "scripts", "interop");
  private static final int COUNT = 10;
  private static final String TENANT = "interop-tenant";
  private static final String KEYWORD = "interopbadword";

  private static RunningApp gg;

  @BeforeAll
  static void start() throws Exception {
    NodeModules.installFromLockfile(INTEROP);
    gg = new RunningApp(KAFKA, "interop", Map.of());
    gg.produce(gg.topics.rules(), List.of(KeyValue.pair(RecordKeys.rule(TENANT, "interop-rule"),
        TestRules.validRule(TENANT, "interop-rule").setName("Interop rule")
            .setKeywords(List.of(new Keyword(KEYWORD, KeywordMatch.AUTO))).build())));
    gg.awaitInStore(GroupGuardTopology.RULES_IN_FORCE_STORE, TENANT + "/interop-rule");
  }

  @AfterAll
  static void stop() throws Exception {
    if (gg != null) {
      gg.close();
    }
  }

  /** The script's offline checks, which show that its expectations can fail. */
  @Test
  void offlineChecksPass() throws Exception {
    ChildProcess.Result check = ChildProcess.run(INTEROP, Duration.ofMinutes(1), List.of("npm", "run", "check"));
    assertThat(check.succeeded()).as("npm run check:%n%s", check.output()).isTrue();
  }

  @ParameterizedTest(name = "--serde {0}")
  @ValueSource(strings = {"confluent", "kafkajs"})
  void serdeProducesMessagesThatGroupGuardModeratesAndDecodesItsViolationsAndActions(String serde) throws Exception {
    String printed = runInteropScript(serde);

    JsonNode summary = new ObjectMapper().readTree(printed.lines().filter(line -> line.contains("\"produced\""))
        .reduce((first, second) -> second).orElseThrow(() -> new AssertionError("no summary line in:\n" + printed)));
    List<String> keywordMessages = IntStream.range(0, COUNT).filter(i -> i % 2 == 0).mapToObj(i -> serde + "-" + i).toList();
    assertThat(summary.get("produced").asInt()).isEqualTo(COUNT);
    assertThat(summary.get("violations")).extracting(JsonNode::asText).containsExactlyInAnyOrderElementsOf(keywordMessages);
    assertThat(summary.get("actionTypes").properties()).extracting(Map.Entry::getKey)
        .containsExactlyInAnyOrderElementsOf(keywordMessages);
    summary.get("actionTypes").forEach(types ->
        assertThat(types).extracting(JsonNode::asText).contains("DELETE_MESSAGE"));
    if (serde.equals("confluent")) {
      // Both ways Confluent's serializer picks the registered schema took turns.
      assertThat(summary.get("encodedBy").get("useLatestVersion")).isNotEmpty();
      assertThat(summary.get("encodedBy").get("useSchemaId")).isNotEmpty();
    }

    // GroupGuard's own deserializer reads the script's messages with the fields it wrote.
    List<ChatMessage> written = writtenBy(serde,
        gg.consumeUntil(gg.topics.messages(), records -> writtenBy(serde, records).size() == COUNT));
    assertThat(written).allSatisfy(message -> {
      int i = Integer.parseInt(message.getMessageId().substring(serde.length() + 1));
      assertThat(message.getTenantId()).isEqualTo(TENANT);
      assertThat(message.getSenderId()).isEqualTo(serde + "-member-" + i % 3);
      assertThat(message.getSenderKind()).isEqualTo(SenderKind.CUSTOMER);
      assertThat(message.getText().contains(KEYWORD)).as(message.getText()).isEqualTo(i % 2 == 0);
    });
  }

  private static List<ChatMessage> writtenBy(String serde, List<ConsumerRecord<String, ChatMessage>> records) {
    return records.stream().map(ConsumerRecord::value).filter(m -> m.getMessageId().startsWith(serde + "-")).toList();
  }

  /** Runs interop.js to its end and returns what it printed; asserts that it exited with 0. */
  private static String runInteropScript(String serde) throws Exception {
    ChildProcess.Result node = ChildProcess.run(INTEROP, Duration.ofSeconds(90), List.of("node", "interop.js",
        "--serde", serde,
        "--brokers", KAFKA.bootstrapServers(),
        "--registry", gg.registry.url(),
        "--messages-topic", gg.topics.messages().name(),
        "--violations-topic", gg.topics.violations().name(),
        "--actions-topic", gg.topics.actions().name(),
        "--count", String.valueOf(COUNT),
        "--keyword", KEYWORD,
        "--tenant", TENANT,
        "--group", "interop-group",
        "--timeout-ms", "60000",
        "--exit-when-stdin-closes"));
    assertThat(node.succeeded()).as("interop.js --serde %s ended (exit %d); it printed:%n%s",
        serde, node.exitCode(), node.output()).isTrue();
    return node.output();
  }
}
