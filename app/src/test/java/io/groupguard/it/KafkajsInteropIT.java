package io.groupguard.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.groupguard.avro.Keyword;
import io.groupguard.avro.KeywordMatch;
import io.groupguard.rules.TestRules;
import io.groupguard.testing.KafkaTestCluster;
import io.groupguard.topology.GroupGuardTopology;
import io.groupguard.topology.RecordKeys;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.streams.KeyValue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Interoperability with a third-party Confluent-format client, in both directions: kafkajs with
 * {@code @kafkajs/confluent-schema-registry} (from npm) registers its own ChatMessage schema in
 * GroupGuard's registry and produces wire-format messages; GroupGuard moderates them; the same
 * client decodes GroupGuard's violations with the writer schema it fetches by id.
 */
class KafkajsInteropIT {

  @RegisterExtension
  static final KafkaTestCluster KAFKA = new KafkaTestCluster();

  private static final Path INTEROP = Path.of(System.getProperty("groupguard.repo.root", ".."), "scripts", "interop");
  private static final int COUNT = 10;

  @Test
  void kafkajsProducesMessagesAndDecodesViolations() throws Exception {
    installNodeModules();
    try (RunningApp gg = new RunningApp(KAFKA, "interop", Map.of())) {
      gg.produce(gg.topics.rules(), List.of(KeyValue.pair(RecordKeys.rule("interop-tenant", "interop-rule"),
          TestRules.validRule("interop-tenant", "interop-rule").setName("Interop rule")
              .setKeywords(List.of(new Keyword("interopbadword", KeywordMatch.AUTO))).build())));
      gg.awaitInStore(GroupGuardTopology.RULES_IN_FORCE_STORE, "interop-tenant/interop-rule");

      Path output = Files.createTempFile("interop-", ".out");
      Process node = new ProcessBuilder("node", "interop.js",
          "--brokers", KAFKA.bootstrapServers(),
          "--registry", gg.registry.url(),
          "--messages-topic", gg.topics.messages().name(),
          "--violations-topic", gg.topics.violations().name(),
          "--count", String.valueOf(COUNT),
          "--keyword", "interopbadword",
          "--tenant", "interop-tenant",
          "--group", "interop-group",
          "--timeout-ms", "60000")
          .directory(INTEROP.toFile()).redirectErrorStream(true).redirectOutput(output.toFile()).start();
      boolean exited = node.waitFor(90, TimeUnit.SECONDS);
      String printed = Files.readString(output, StandardCharsets.UTF_8);
      if (!exited) {
        node.destroyForcibly();
      }
      assertThat(exited).as("interop.js finished; it printed:%n%s", printed).isTrue();
      assertThat(node.exitValue()).as("interop.js exit code; it printed:%n%s", printed).isZero();

      JsonNode summary = new ObjectMapper().readTree(printed.lines().filter(line -> line.contains("\"produced\""))
          .reduce((first, second) -> second).orElseThrow(() -> new AssertionError("no summary line in:\n" + printed)));
      assertThat(summary.get("produced").asInt()).isEqualTo(COUNT);
      assertThat(summary.get("violationsDecoded").asInt()).isEqualTo(COUNT / 2);
    }
  }

  /** npm ci from the committed lockfile, once per checkout. */
  private static void installNodeModules() throws Exception {
    if (Files.isDirectory(INTEROP.resolve("node_modules/kafkajs"))) {
      return;
    }
    File log = Files.createTempFile("npm-ci-", ".log").toFile();
    Process npm = new ProcessBuilder("npm", "ci", "--no-audit", "--no-fund")
        .directory(INTEROP.toFile()).redirectErrorStream(true).redirectOutput(log).start();
    boolean exited = npm.waitFor(5, TimeUnit.MINUTES);
    assertThat(exited && npm.exitValue() == 0).as("npm ci in %s:%n%s", INTEROP, Files.readString(log.toPath())).isTrue();
  }
}
