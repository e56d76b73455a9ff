package io.groupguard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RulesTestCommandTest {

  private static final String RULES = """
      rules:
        - tenantId: "acme"
          ruleId: "language"
          version: 3
          name: "Respectful language"
          creatorId: "emp-1"
          allGroups: true
          keywords:
            - text: "idiot"
        - tenantId: "acme"
          ruleId: "links-trial"
          version: 1
          name: "Links (trial)"
          creatorId: "emp-1"
          allGroups: true
          shadow: true
          linkWhitelist: ["acme.example"]
        - tenantId: "acme"
          ruleId: "broken"
          version: 1
          name: "Broken"
          creatorId: "emp-1"
          allGroups: true
          regexes: ["(unclosed"]
      """;

  private static final String MESSAGES = """
      {"tenantId":"acme","groupId":"g1","messageId":"m-clean","senderId":"c-1","sendTime":"2026-11-20T09:00:00Z","text":"Hello there"}
      {"tenantId":"acme","groupId":"g1","messageId":"m-insult","senderId":"c-2","sendTime":"2026-11-20T09:00:01Z","text":"you IDIOT!"}

      {"tenantId":"acme","groupId":"g1","messageId":"m-link","senderId":"c-3","sendTime":"2026-11-20T09:00:02Z","text":"see https://evil.example/x"}
      """;

  @TempDir
  Path dir;

  @Test
  void printsTheVerdictAndTheReasonOfEveryMessage() throws Exception {
    CliRun run = CliRun.of("rules", "test", "--rules", write("rules.yaml", RULES), "--messages",
        write("messages.jsonl", MESSAGES));

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(line(run.out(), "m-clean")).contains("ALLOW");
    assertThat(line(run.out(), "m-insult")).contains("VIOLATION");
    assertThat(run.out()).contains("KEYWORD rule language v3 \"Respectful language\": pattern 'idiot' matched \"IDIOT\" at 4-9");
    assertThat(line(run.out(), "m-link")).contains("SHADOW");
    assertThat(run.out()).contains("shadow LINK rule links-trial v1");
    assertThat(run.out()).containsPattern("rejected acme/broken v1: regexes\\[0\\]: .+\\(skipped\\)");
    assertThat(run.out()).contains("messages: 3  allowed: 1  violations: 1  shadow only: 1");
  }

  @Test
  void printsOneJsonObjectPerMessage() throws Exception {
    CliRun run = CliRun.of("rules", "test", "--json", "--rules", write("rules.yaml", RULES), "--messages",
        write("messages.jsonl", MESSAGES));

    assertThat(run.exitCode()).as(run.err()).isZero();
    List<JsonNode> verdicts = new ArrayList<>();
    for (String line : run.out().split("\n")) {
      JsonNode node = new ObjectMapper().readTree(line);
      if (node.has("messageId")) {
        verdicts.add(node);
      }
    }
    assertThat(verdicts).extracting(node -> node.get("messageId").asText() + "=" + node.get("verdict").asText())
        .containsExactly("m-clean=ALLOW", "m-insult=VIOLATION", "m-link=SHADOW");
    JsonNode violation = verdicts.get(1).get("violations").get(0);
    assertThat(violation.get("ruleId").asText()).isEqualTo("language");
    assertThat(violation.get("ruleVersion").asLong()).isEqualTo(3);
    assertThat(violation.get("evidence").asText()).isEqualTo("IDIOT");
    assertThat(verdicts.get(1).get("actions")).isNotEmpty();
    assertThat(verdicts.get(2).get("actions")).isEmpty();
  }

  @Test
  void aBadRulesFileNamesFileLineAndField() throws Exception {
    String rules = RULES.replace("      - text: \"idiot\"", "      - text: \"idiot\"\n        match: \"FUZZY\"");
    String file = write("bad-rules.yaml", rules);

    CliRun run = CliRun.of("rules", "test", "--rules", file, "--messages", write("messages.jsonl", MESSAGES));

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains(file + ":2: rules[0].keywords[0].match").contains("FUZZY");
  }

  @Test
  void aBadMessagesLineNamesFileLineAndField() throws Exception {
    String file = write("messages.jsonl", MESSAGES.replace("\"senderId\":\"c-3\",", ""));

    CliRun run = CliRun.of("rules", "test", "--rules", write("rules.yaml", RULES), "--messages", file);

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains(file + ":4: senderId: missing required field");
  }

  @Test
  void aMissingFileIsABadInput() {
    CliRun run = CliRun.of("rules", "test", "--rules", dir.resolve("nope.yaml").toString(), "--messages", "x.jsonl");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("nope.yaml: cannot read");
  }

  private String write(String name, String content) throws Exception {
    return Files.writeString(dir.resolve(name), content).toString();
  }

  private static String line(String output, String messageId) {
    return output.lines().filter(l -> l.startsWith(messageId)).findFirst().orElseThrow(
        () -> new AssertionError("no row for " + messageId + " in:\n" + output));
  }
}
