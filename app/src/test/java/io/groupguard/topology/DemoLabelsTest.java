package io.groupguard.topology;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.groupguard.avro.BlacklistEntry;
import io.groupguard.avro.ChatMessage;
import io.groupguard.avro.ModerationRule;
import io.groupguard.avro.Violation;
import io.groupguard.avro.ViolationKind;
import io.groupguard.cli.RecordFiles;
import io.groupguard.rules.BlacklistKey;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * Replays the bundled demo (rules, blacklist, messages) through the whole topology and compares what fired
 * per message (rule ids and violation kinds) with the labels the demo data was generated with.
 */
class DemoLabelsTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  private record Fired(Set<String> ruleIds, Set<String> kinds) {
  }

  @Test
  void everyDemoMessageFiresExactlyTheLabelledRulesAndKinds() throws Exception {
    Map<String, Fired> expected = labels();
    Map<String, Fired> actual = new TreeMap<>();
    try (TopologyFixture fixture = new TopologyFixture()) {
      for (ModerationRule rule : RecordFiles.readYamlList(RecordFiles.resource("/demo/rules.yaml"), "demo/rules.yaml",
          "rules", ModerationRule.class)) {
        fixture.putRule(rule);
      }
      for (BlacklistEntry entry : RecordFiles.readYamlList(RecordFiles.resource("/demo/blacklist.yaml"),
          "demo/blacklist.yaml", "entries", BlacklistEntry.class)) {
        fixture.blacklist.pipeInput(BlacklistKey.of(entry).format(), entry);
      }
      assertThat(fixture.rejections.readValuesToList()).as("demo configuration rejected").isEmpty();
      for (ChatMessage message : RecordFiles.readJsonLines(RecordFiles.resource("/demo/messages.jsonl"),
          "demo/messages.jsonl", ChatMessage.class)) {
        fixture.send(message);
      }
      for (Violation violation : fixture.violations.readValuesToList()) {
        if (violation.getKind() == ViolationKind.MUTED_SENDER) {
          continue; // a consequence of the escalation ladder, not a detection; EnforcementTopologyTest covers it
        }
        Fired fired = actual.computeIfAbsent(violation.getMessageId(), id -> new Fired(new TreeSet<>(), new TreeSet<>()));
        if (violation.getRuleId() != null) {
          fired.ruleIds().add(violation.getRuleId());
        }
        fired.kinds().add(violation.getKind().name());
      }
    }

    List<String> mismatches = new ArrayList<>();
    Fired nothing = new Fired(Set.of(), Set.of());
    expected.forEach((messageId, labelled) -> {
      Fired fired = actual.getOrDefault(messageId, nothing);
      if (!fired.equals(labelled)) {
        mismatches.add(messageId + ": expected " + labelled + ", fired " + fired);
      }
    });
    assertThat(actual.keySet()).as("violations of unlabelled messages").isSubsetOf(expected.keySet());
    assertThat(mismatches).as("messages whose violations differ from labels.jsonl").isEmpty();
    assertThat(actual).as("violating messages").hasSize(75);
  }

  private static Map<String, Fired> labels() throws IOException {
    Map<String, Fired> labels = new TreeMap<>();
    try (BufferedReader lines = new BufferedReader(
        new InputStreamReader(RecordFiles.resource("/demo/labels.jsonl"), StandardCharsets.UTF_8))) {
      for (String line = lines.readLine(); line != null; line = lines.readLine()) {
        if (line.isBlank()) {
          continue;
        }
        JsonNode label = JSON.readTree(line);
        labels.put(label.get("messageId").asText(),
            new Fired(texts(label.get("expectedRuleIds")), texts(label.get("expectedKinds"))));
      }
    }
    return labels;
  }

  private static Set<String> texts(JsonNode array) {
    Set<String> texts = new TreeSet<>();
    array.forEach(node -> texts.add(node.asText()));
    return texts;
  }
}
