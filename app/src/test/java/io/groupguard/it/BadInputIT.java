package io.groupguard.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.groupguard.avro.BlacklistEntry;
import io.groupguard.avro.BlacklistScope;
import io.groupguard.avro.ChatMessage;
import io.groupguard.avro.ModerationRule;
import io.groupguard.embedded.EmbeddedSchemaRegistry;
import io.groupguard.rules.BlacklistKey;
import io.groupguard.rules.TestRules;
import io.groupguard.serde.RestSchemaRegistryClient;
import io.groupguard.testing.CommittedOutputs;
import io.groupguard.testing.ConsumerGroupProgress;
import io.groupguard.testing.DecisionAudit;
import io.groupguard.testing.DecisionOracle;
import io.groupguard.testing.KafkaTestCluster;
import io.groupguard.topology.GroupGuardTopology;
import io.groupguard.topology.RecordKeys;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.avro.Schema;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.ThreadMetadata;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * No input stops GroupGuard: unreadable records become dead letters, odd but readable ones are
 * decided, a record whose schema cannot be resolved while the registry is down waits for it (and is decided within
 * a bound once the registry is back), and the conservation law holds — every input record is decided (violations), clean
 * (no output, as the independent oracle expects) or a dead letter. Kafka Streams stays RUNNING.
 */
class BadInputIT {

  @RegisterExtension
  static final KafkaTestCluster KAFKA = new KafkaTestCluster();

  private static final Logger LOG = LoggerFactory.getLogger(BadInputIT.class);
  private static final Instant T0 = Instant.parse("2026-11-20T09:00:00Z");
  /** The bound docs/operations.md states: decisions resume this soon after the schema registry answers again. */
  private static final Duration REGISTRY_RECOVERY_BOUND = Duration.ofSeconds(10);
  private static final String REGISTRY_WAITING_METRIC = "groupguard_schema_registry_waiting";
  private static final ModerationRule RULE = TestRules.validRule("acme", "insults")
      .setKeywords(List.of(TestRules.keyword("idiot"), TestRules.keyword("骗子"))).build();
  private static final BlacklistEntry BLACKLISTED = BlacklistEntry.newBuilder()
      .setTenantId("acme").setScope(BlacklistScope.ENTERPRISE).setMemberId("spammer").setAddedAt(T0).build();

  @Test
  void everyBadInputEndsAsADecisionOrADeadLetterAndTheAppKeepsRunning() throws Exception {
    try (RunningApp gg = new RunningApp(KAFKA, "bad-input", Map.of());
        RestSchemaRegistryClient registry = new RestSchemaRegistryClient(gg.registry.url(), null, Duration.ofSeconds(5))) {
      loadConfiguration(gg);
      String topic = gg.topics.messages().name();
      String subject = topic + "-value";
      List<ChatMessage> readable = new ArrayList<>();
      List<KeyValue<String, byte[]>> unreadable = new ArrayList<>();

      // Readable but odd: null key, far-future and far-past send times, large text, empty and lone-surrogate text.
      List<ChatMessage> odd = List.of(
          message("m-clean", "alice", "good morning").build(),
          message("m-insult", "bob", "you idiot").build(),
          message("m-future", "carol", "骗子 from the future").setSendTime(Instant.parse("9999-12-31T23:59:59Z")).build(),
          message("m-past", "dave", "idiot from the past").setSendTime(Instant.EPOCH).build(),
          message("m-large", "erin", "x".repeat(300_000) + " idiot").build(),
          message("m-empty", "frank", "").build(),
          message("m-surrogate", "gina", "\uD800 idiot \uDFFF").build(),
          message("m-blacklisted", "spammer", "hello").build());
      readable.addAll(odd);
      gg.produce(gg.topics.messages(), List.of(KeyValue.pair(null, message("m-null-key", "hank", "idiot").build())));
      readable.add(message("m-null-key", "hank", "idiot").build());
      gg.produce(gg.topics.messages(), odd.stream().map(BadInputIT::keyed).toList());

      // Unreadable: corrupt bytes, a truncated header, an unknown schema id, a null value, another type's schema.
      unreadable.add(KeyValue.pair("acme/g1", "garbage".getBytes(StandardCharsets.UTF_8)));
      unreadable.add(KeyValue.pair("acme/g1", new byte[] {0, 0, 0}));
      unreadable.add(KeyValue.pair("acme/g1", wire(0x7fff_fff0, new byte[] {2, 4, 6})));
      unreadable.add(KeyValue.pair("acme/g1", null));
      setCompatibility(gg.registry.url(), subject, "NONE");
      int otherTypeId = registry.register(subject, BlacklistEntry.getClassSchema());
      unreadable.add(KeyValue.pair("acme/g1", wire(otherTypeId, avroBinary(BLACKLISTED))));
      KAFKA.produce(topic, new StringSerializer(), new ByteArraySerializer(), unreadable);

      // Invalid configuration is rejected, never applied.
      ModerationRule invalid = TestRules.validRule("acme", "too-many").setKeywords(
          IntStream.range(0, 101).mapToObj(i -> TestRules.keyword("word" + i)).toList()).build();
      gg.produce(gg.topics.rules(), List.of(KeyValue.pair(TestRules.keyOf(invalid), invalid)));
      assertThat(gg.consumeUntil(gg.topics.rejections(), read -> !read.isEmpty()))
          .extracting(r -> r.value().getRecordKey()).containsExactly(TestRules.keyOf(invalid));

      int inputs = readable.size() + unreadable.size();
      DecisionAudit.Result result = awaitAndAudit(gg, inputs, readable, List.of(RULE));
      assertThat(result.problems()).isEmpty();
      assertThat(result.deadLetters()).isEqualTo(unreadable.size());
      assertThat(result.conserved()).as("inputs = decided + clean + dead letters: %s", result).isTrue();
      assertThat(gg.app.streams().state()).isEqualTo(KafkaStreams.State.RUNNING);
      assertThat(gg.app.streams().metadataForLocalThreads()).allSatisfy(thread ->
          assertThat(thread.threadState()).isEqualTo("RUNNING"));
    }
  }

  @Test
  void aNewSchemaIdDuringARegistryOutageWaitsForTheRegistryAndIsDecidedSoonAfterItIsBack() throws Exception {
    try (RunningApp gg = new RunningApp(KAFKA, "registry-outage", Map.of());
        RestSchemaRegistryClient registry = new RestSchemaRegistryClient(gg.registry.url(), null, Duration.ofSeconds(5))) {
      loadConfiguration(gg);
      ChatMessage before = message("m-before", "alice", "idiot").build();
      gg.produce(gg.topics.messages(), List.of(keyed(before)));
      gg.consumeUntil(gg.topics.actions(), read -> read.stream().anyMatch(r -> r.value().getMessageId().equals("m-before")));
      int evolvedId = registry.register(gg.topics.messages().name() + "-value", evolvedChatMessageSchema());
      Set<String> threads = streamThreads(gg);

      gg.registry.close();
      ChatMessage newSchema = message("m-new-schema", "ivan", "idiot").build();
      KAFKA.produce(gg.topics.messages().name(), new StringSerializer(), new ByteArraySerializer(), List.of(
          KeyValue.pair("acme/g1", wire(evolvedId, concat(avroBinary(newSchema), new byte[] {0})))));  // + null loadTag
      RunningApp.await("the stream thread waits for the registry (" + REGISTRY_WAITING_METRIC + ")",
          () -> metric(gg, REGISTRY_WAITING_METRIC) >= 1);

      try (EmbeddedSchemaRegistry back = gg.registry.startAgain()) {
        long backNanos = System.nanoTime();
        DecisionAudit.Result result = awaitAndAudit(gg, 2, List.of(before, newSchema), List.of(RULE));
        Duration recovery = Duration.ofNanos(System.nanoTime() - backNanos);
        LOG.info("decisions resumed {} ms after the schema registry was back", recovery.toMillis());
        assertThat(recovery).as("time from the registry's return to the decision, all committed").isLessThan(REGISTRY_RECOVERY_BOUND);
        assertThat(result.problems()).isEmpty();
        assertThat(result.deadLetters()).isZero();
        assertThat(result.decided()).isEqualTo(2);
        assertThat(metric(gg, REGISTRY_WAITING_METRIC)).isZero();
        assertThat(streamThreads(gg)).as("no stream thread failed or was replaced").isEqualTo(threads);
        assertThat(gg.app.streams().state()).isEqualTo(KafkaStreams.State.RUNNING);
      }
    }
  }

  /** Reads one unlabelled gauge or counter from the instance's Prometheus endpoint. */
  private static double metric(RunningApp gg, String name) {
    String body;
    try {
      body = HttpClient.newHttpClient().send(HttpRequest.newBuilder(gg.app.httpUrl().orElseThrow().resolve("/metrics")).build(),
          HttpResponse.BodyHandlers.ofString()).body();
    } catch (IOException | InterruptedException e) {
      throw new IllegalStateException("cannot read " + name + " from /metrics", e);
    }
    return body.lines().filter(line -> line.startsWith(name + " ")).mapToDouble(line -> Double.parseDouble(line.substring(name.length() + 1)))
        .findFirst().orElseThrow(() -> new AssertionError(name + " is not exported"));
  }

  private static Set<String> streamThreads(RunningApp gg) {
    return gg.app.streams().metadataForLocalThreads().stream().map(ThreadMetadata::threadName).collect(Collectors.toSet());
  }

  @Test
  void aStormOfRuleUpdatesWhileMessagesFlowChangesNoDecision() throws Exception {
    try (RunningApp gg = new RunningApp(KAFKA, "rule-storm", Map.of())) {
      loadConfiguration(gg);
      List<ChatMessage> messages = new ArrayList<>();
      ModerationRule last = RULE;
      for (int round = 0; round < 20; round++) {
        List<KeyValue<String, ModerationRule>> updates = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
          last = ModerationRule.newBuilder(RULE).setVersion(2 + round * 50L + i).setName("insults v" + (round * 50 + i)).build();
          updates.add(KeyValue.pair(TestRules.keyOf(last), last));
        }
        gg.produce(gg.topics.rules(), updates);
        List<ChatMessage> batch = IntStream.range(0, 50).mapToObj(i -> message("storm-" + messages.size() + i, "m" + i,
            i % 2 == 0 ? "you idiot" : "nice photo").build()).toList();
        gg.produce(gg.topics.messages(), batch.stream().map(BadInputIT::keyed).toList());
        messages.addAll(batch);
      }
      long finalVersion = last.getVersion();
      RunningApp.await("version " + finalVersion + " in force", () -> {
        ModerationRule inForce = gg.app.streams().store(StoreQueryParameters.fromNameAndType(
            GroupGuardTopology.RULES_IN_FORCE_STORE, QueryableStoreTypes.<String, ModerationRule>keyValueStore()))
            .get(TestRules.keyOf(RULE));
        return inForce != null && inForce.getVersion() == finalVersion;
      });
      DecisionAudit.Result result = awaitAndAudit(gg, messages.size(), messages, List.of(last));
      assertThat(result.problems()).isEmpty();
      assertThat(result.decided()).isEqualTo(messages.size() / 2);
      assertThat(gg.app.streams().state()).isEqualTo(KafkaStreams.State.RUNNING);
    }
  }

  private static void loadConfiguration(RunningApp gg) {
    gg.produce(gg.topics.rules(), List.of(KeyValue.pair(TestRules.keyOf(RULE), RULE)));
    String blacklistKey = BlacklistKey.of(BLACKLISTED).format();
    gg.produce(gg.topics.blacklist(), List.of(KeyValue.pair(blacklistKey, BLACKLISTED)));
    gg.awaitInStore(GroupGuardTopology.RULES_IN_FORCE_STORE, TestRules.keyOf(RULE));
    gg.awaitInStore(GroupGuardTopology.BLACKLIST_IN_FORCE_STORE, blacklistKey);
  }

  /** Waits until the app has committed every input, reads the committed outputs and audits them. */
  private static DecisionAudit.Result awaitAndAudit(RunningApp gg, int inputs, List<ChatMessage> readable,
      List<ModerationRule> rules) {
    try (ConsumerGroupProgress progress = new ConsumerGroupProgress(KAFKA.bootstrapServers());
        CommittedOutputs outputs = new CommittedOutputs(KAFKA.bootstrapServers(), gg.topics)) {
      RunningApp.await("all " + inputs + " inputs committed",
          () -> progress.committed(gg.config.applicationId(), gg.topics.messages().name()) >= inputs);
      Map<String, DecisionOracle.Decision> decisions = new DecisionOracle(rules, List.of(BLACKLISTED)).decideAll(readable);
      long expectedActions = decisions.values().stream().mapToLong(DecisionOracle.Decision::minActions).sum();
      RunningApp.await(expectedActions + " actions", () -> {
        outputs.poll();
        return outputs.actions.size() >= expectedActions;
      });
      outputs.readToEnd();
      return DecisionAudit.audit(decisions, inputs, outputs.deadLetters.size(), outputs.violations, outputs.actions);
    }
  }

  private static ChatMessage.Builder message(String id, String sender, String text) {
    return ChatMessage.newBuilder().setTenantId("acme").setGroupId("g1").setGroupOwnerId("owner-1")
        .setMessageId(id).setSenderId(sender).setSendTime(T0).setText(text);
  }

  private static KeyValue<String, ChatMessage> keyed(ChatMessage message) {
    return KeyValue.pair(RecordKeys.group(message.getTenantId(), message.getGroupId()), message);
  }

  /** A Confluent wire-format payload: magic byte, schema id, Avro binary. */
  private static byte[] wire(int schemaId, byte[] avro) {
    return ByteBuffer.allocate(5 + avro.length).put((byte) 0).putInt(schemaId).put(avro).array();
  }

  private static byte[] avroBinary(SpecificRecord record) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
    new SpecificDatumWriter<SpecificRecord>(record.getSchema()).write(record, encoder);
    encoder.flush();
    return out.toByteArray();
  }

  private static byte[] concat(byte[] a, byte[] b) {
    return ByteBuffer.allocate(a.length + b.length).put(a).put(b).array();
  }

  /** ChatMessage with one more optional field at the end: a compatible new version the app has not seen. */
  private static Schema evolvedChatMessageSchema() {
    Schema current = ChatMessage.getClassSchema();
    List<Schema.Field> fields = new ArrayList<>();
    current.getFields().forEach(field -> fields.add(new Schema.Field(field, field.schema())));
    fields.add(new Schema.Field("loadTag", Schema.createUnion(Schema.create(Schema.Type.NULL), Schema.create(Schema.Type.STRING)),
        "added by a newer producer", Schema.Field.NULL_DEFAULT_VALUE));
    return Schema.createRecord(current.getName(), current.getDoc(), current.getNamespace(), false, fields);
  }

  private static void setCompatibility(String registryUrl, String subject, String level) throws Exception {
    HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
            URI.create(registryUrl + "/config/" + subject))
        .header("Content-Type", "application/vnd.schemaregistry.v1+json")
        .PUT(HttpRequest.BodyPublishers.ofString("{\"compatibility\":\"" + level + "\"}")).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
  }
}
