package io.groupguard.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.groupguard.avro.ChatMessage;
import io.groupguard.config.GroupGuardConfig;
import io.groupguard.config.StreamsProperties;
import io.groupguard.embedded.EmbeddedSchemaRegistry;
import io.groupguard.rules.TenantRuleSet;
import io.groupguard.rules.TestRules;
import io.groupguard.serde.RestSchemaRegistryClient;
import io.groupguard.topology.RecordKeys;
import io.groupguard.topology.Topic;
import io.groupguard.topology.Topics;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.LongAdder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyTestDriver;
import org.junit.jupiter.api.Test;

class EvaluationFloorTopologyTest {

  private static final Instant START = Instant.parse("2026-11-20T09:00:00Z");

  @Test
  void evaluatesEveryMessageAgainstItsTenantsRulesAndWritesNothing() throws Exception {
    try (EmbeddedSchemaRegistry registry = EmbeddedSchemaRegistry.start("127.0.0.1", 0);
        RestSchemaRegistryClient registryClient = new RestSchemaRegistryClient(registry.url(), null, Duration.ofSeconds(5))) {
      GroupGuardConfig config = new GroupGuardConfig(Map.of(
          GroupGuardConfig.SCHEMA_REGISTRY_URL, registry.url(),
          GroupGuardConfig.PROCESSING_GUARANTEE, StreamsConfig.AT_LEAST_ONCE,
          GroupGuardConfig.STATE_DIR, Files.createTempDirectory("groupguard-floor-").toString()));
      Topic<String, ChatMessage> messages = Topics.from(config, registryClient).messages();
      LongAdder withFindings = new LongAdder();
      Map<String, TenantRuleSet> ruleSets = Map.of(
          "t1", TenantRuleSet.compile("t1", List.of(TestRules.validRule("t1", "r1").build())),
          "t2", TenantRuleSet.compile("t2", List.of()));
      Topology topology = EvaluationFloorTopology.build(messages, ruleSets, withFindings);

      try (TopologyTestDriver driver = new TopologyTestDriver(topology, StreamsProperties.from(config), START)) {
        TestInputTopic<String, ChatMessage> input = driver.createInputTopic(messages.name(),
            messages.keySerde().serializer(), messages.valueSerde().serializer());
        send(input, "t1", "m1", "buy ｓｐａｍ now"); // the rule's keyword, disguised: found
        send(input, "t1", "m2", "hello everyone");
        send(input, "t2", "m3", "spam"); // t2 has no rules

        assertEquals(1, withFindings.sum());
        assertEquals(Set.of(), driver.producedTopicNames());
      }
    }
  }

  private static void send(TestInputTopic<String, ChatMessage> input, String tenant, String messageId, String text) {
    ChatMessage message = ChatMessage.newBuilder().setTenantId(tenant).setGroupId("g1").setGroupOwnerId("owner-1")
        .setMessageId(messageId).setSenderId("member-1").setSendTime(START).setText(text).build();
    input.pipeInput(RecordKeys.group(tenant, "g1"), message);
  }
}
