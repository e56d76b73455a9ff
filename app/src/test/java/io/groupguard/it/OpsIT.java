package io.groupguard.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.groupguard.GroupGuardApp;
import io.groupguard.avro.ChatMessage;
import io.groupguard.avro.Keyword;
import io.groupguard.avro.KeywordMatch;
import io.groupguard.avro.ModerationRule;
import io.groupguard.config.GroupGuardConfig;
import io.groupguard.embedded.EmbeddedSchemaRegistry;
import io.groupguard.rules.TestRules;
import io.groupguard.testing.KafkaTestCluster;
import io.groupguard.topology.GroupGuardTopology;
import io.groupguard.topology.RecordKeys;
import io.groupguard.topology.Topics;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.utils.Utils;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.HostInfo;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Metrics, probes and interactive queries of running instances on a real KRaft broker. */
class OpsIT {

  @RegisterExtension
  static final KafkaTestCluster KAFKA = new KafkaTestCluster();

  private static final String INSTANCE_HEADER = "X-GroupGuard-Instance";
  private static final Instant T0 = Instant.parse("2026-11-20T09:00:00Z");

  private final HttpClient http = HttpClient.newHttpClient();
  private final EmbeddedSchemaRegistry registry = EmbeddedSchemaRegistry.start("127.0.0.1", 0);
  private final List<GroupGuardApp> apps = new ArrayList<>();
  private final List<Path> stateDirs = new ArrayList<>();

  @AfterEach
  void stop() throws IOException {
    apps.forEach(GroupGuardApp::close);
    registry.close();
    for (Path dir : stateDirs) {
      Utils.delete(dir.toFile());
    }
  }

  @Test
  void probesTurnReadyAfterRestoreAndMetricsCountTheTraffic() throws Exception {
    GroupGuardApp app = start("ops-metrics");
    assertThat(get(app, "/ready").statusCode()).as("not ready right after start").isEqualTo(503);
    assertThat(get(app, "/health").statusCode()).isEqualTo(200);
    RunningApp.await("/ready answers 200", () -> get(app, "/ready").statusCode() == 200);

    produce(app.topics(), "g1", List.of(rule()));
    RunningApp.await("the rule served for g1", () -> get(app, "/groups/acme/g1/rules").body().contains("no-insults"));
    produceMessages(app.topics(), List.of(message("g1", "m1", "hello"), message("g1", "m2", "you idiot"),
        message("g1", "m3", "idiot again")));
    KAFKA.produce(app.topics().messages().name(), new StringSerializer(), new ByteArraySerializer(),
        List.of(KeyValue.pair("acme/g1", "garbage".getBytes(StandardCharsets.UTF_8))));

    // Enforcement runs behind a repartition topic: wait for its actions too.
    RunningApp.await("metrics of 3 messages, 1 dead letter and 2 decisions", () -> {
      String metrics = get(app, "/metrics").body();
      return metrics.contains("groupguard_messages_evaluated_total 3.0") && metrics.contains("groupguard_dead_letters_total 1.0")
          && metrics.contains("groupguard_actions_total{type=\"DELETE_MESSAGE\"} 2.0");
    });
    HttpResponse<String> metrics = get(app, "/metrics");
    assertThat(metrics.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("text/plain"));
    assertThat(metrics.body())
        .contains("groupguard_violations_total{kind=\"KEYWORD\",shadow=\"false\"} 2.0")
        .contains("groupguard_evaluation_seconds_count 3")
        .contains("groupguard_decision_lag_seconds_bucket{le=")
        .contains("groupguard_rules_in_force 1.0")
        .contains("groupguard_stream_threads_alive 1.0")
        .contains("jvm_memory_used_bytes")
        .contains("kafka_stream_thread_");

    // The recent-violations store reads the violations topic back, so it lags one exactly-once commit behind.
    AtomicReference<HttpResponse<String>> latest = new AtomicReference<>();
    RunningApp.await("m3 as the latest violation of g1", () -> {
      latest.set(get(app, "/groups/acme/g1/violations?limit=1"));
      return latest.get().statusCode() == 200 && latest.get().body().contains("\"messageId\":\"m3\"");
    });
    assertThat(latest.get().body()).doesNotContain("\"messageId\":\"m2\"");

    // bob's second strike muted him in g1 (default ladder: warn, then mute for a day).
    RunningApp.await("bob's strikes and his mute in g1", () -> get(app, "/members/acme/bob").body().contains("\"inputId\":\"m3\"")
        && get(app, "/members/acme/bob/restrictions").body().contains("\"groupId\":\"g1\""));
    assertThat(get(app, "/members/acme/alice/restrictions").body()).isEqualTo("{\"restrictions\":[]}");
  }

  @Test
  void aQueryForAGroupOwnedByTheOtherInstanceIsAnsweredByIt() throws Exception {
    GroupGuardApp first = start("ops-pair");
    GroupGuardApp second = start("ops-pair");
    for (GroupGuardApp app : apps) {
      RunningApp.await("both instances ready", () -> app.streams().state() == KafkaStreams.State.RUNNING
          && get(app, "/ready").statusCode() == 200);
    }
    HostInfo secondHost = hostOf(second);
    String group = groupOwnedBy(first.streams(), secondHost);

    produce(first.topics(), group, List.of(rule()));
    RunningApp.await("the rule in force on the owner", () -> get(second, "/groups/acme/" + group + "/rules").body()
        .contains("no-insults"));
    produceMessages(first.topics(), List.of(message(group, "m-remote", "idiot")));

    AtomicReference<HttpResponse<String>> answer = new AtomicReference<>();
    RunningApp.await("the second instance's violation, asked of the first", () -> {
      answer.set(get(first, "/groups/acme/" + group + "/violations"));
      return answer.get().statusCode() == 200 && answer.get().body().contains("m-remote")
          && secondHost.equals(ownerOf(first.streams(), group));
    });
    assertThat(answer.get().headers().firstValue(INSTANCE_HEADER)).hasValue(secondHost.host() + ":" + secondHost.port());
  }

  private GroupGuardApp start(String name) throws IOException {
    Path stateDir = Files.createTempDirectory("groupguard-ops-it-");
    stateDirs.add(stateDir);
    Map<String, Object> values = new HashMap<>(RunningApp.topicNames(name));
    values.put(GroupGuardConfig.BOOTSTRAP_SERVERS, KAFKA.bootstrapServers());
    values.put(GroupGuardConfig.SCHEMA_REGISTRY_URL, registry.url());
    values.put(GroupGuardConfig.APPLICATION_ID, "it-" + name);
    values.put(GroupGuardConfig.STATE_DIR, stateDir.toString());
    values.put(GroupGuardConfig.TOPICS_PARTITIONS, 4);
    values.put(GroupGuardConfig.TOPICS_REPLICATION_FACTOR, (short) 1);
    values.put(GroupGuardConfig.HTTP_HOST, "127.0.0.1");
    values.put(GroupGuardConfig.HTTP_PORT, 0);
    values.put(GroupGuardConfig.ROCKSDB_TOTAL_MEMORY_BYTES, 32L * 1024 * 1024);
    GroupGuardApp app = GroupGuardApp.start(new GroupGuardConfig(values));
    apps.add(app);
    return app;
  }

  /** A group whose messages (and recent violations) the given instance owns. */
  private static String groupOwnedBy(KafkaStreams streams, HostInfo owner) {
    for (int i = 0; i < 1000; i++) {
      String group = "g" + i;
      if (owner.equals(ownerOf(streams, group))) {
        return group;
      }
    }
    throw new AssertionError("no group of 1000 is owned by " + owner);
  }

  private static HostInfo ownerOf(KafkaStreams streams, String group) {
    return streams.queryMetadataForKey(GroupGuardTopology.RECENT_VIOLATIONS_STORE, RecordKeys.group("acme", group),
        new StringSerializer()).activeHost();
  }

  private static HostInfo hostOf(GroupGuardApp app) {
    URI url = app.httpUrl().orElseThrow();
    return new HostInfo(url.getHost(), url.getPort());
  }

  private static ModerationRule rule() {
    return TestRules.validRule("acme", "no-insults").setName("No insults")
        .setKeywords(List.of(new Keyword("idiot", KeywordMatch.AUTO))).build();
  }

  private static void produce(Topics topics, String group, List<ModerationRule> rules) {
    KAFKA.produce(topics.rules().name(), topics.rules().keySerde().serializer(), topics.rules().valueSerde().serializer(),
        rules.stream().map(rule -> KeyValue.pair(RecordKeys.rule(rule.getTenantId(), rule.getRuleId()), rule)).toList());
  }

  private static void produceMessages(Topics topics, List<ChatMessage> messages) {
    KAFKA.produce(topics.messages().name(), topics.messages().keySerde().serializer(),
        topics.messages().valueSerde().serializer(), messages.stream()
            .map(message -> KeyValue.pair(RecordKeys.group(message.getTenantId(), message.getGroupId()), message)).toList());
  }

  private static ChatMessage message(String group, String id, String text) {
    return ChatMessage.newBuilder().setTenantId("acme").setGroupId(group).setGroupOwnerId("owner-1").setMessageId(id)
        .setSenderId("bob").setSendTime(T0).setText(text).build();
  }

  private HttpResponse<String> get(GroupGuardApp app, String pathAndQuery) {
    try {
      return http.send(HttpRequest.newBuilder(URI.create(app.httpUrl().orElseThrow() + pathAndQuery)).build(),
          HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new AssertionError("GET " + pathAndQuery + " failed: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    }
  }
}
