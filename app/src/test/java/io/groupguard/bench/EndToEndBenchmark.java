package io.groupguard.bench;

import ch.qos.logback.classic.Level;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.groupguard.GroupGuardApp;
import io.groupguard.avro.ChatMessage;
import io.groupguard.avro.ContentType;
import io.groupguard.avro.ModerationRule;
import io.groupguard.avro.SenderKind;
import io.groupguard.avro.Violation;
import io.groupguard.cli.RecordPublisher;
import io.groupguard.config.GroupGuardConfig;
import io.groupguard.config.StreamsProperties;
import io.groupguard.embedded.LocalStack;
import io.groupguard.loadgen.BlacklistGenerator;
import io.groupguard.loadgen.ChatTraffic;
import io.groupguard.loadgen.LoadProfile;
import io.groupguard.loadgen.RatePacer;
import io.groupguard.loadgen.RuleGenerator;
import io.groupguard.loadgen.RuleMix;
import io.groupguard.rules.BlacklistKey;
import io.groupguard.rules.TenantRuleSet;
import io.groupguard.serde.RestSchemaRegistryClient;
import io.groupguard.testing.ConsumerGroupProgress;
import io.groupguard.topology.RecordKeys;
import io.groupguard.topology.Topic;
import io.groupguard.topology.Topics;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.BiConsumer;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.Topology;
import org.slf4j.LoggerFactory;

/**
 * End-to-end benchmark on the embedded broker: GroupGuard's full moderation topology (1,000
 * rules x 100 keywords over 20,000 groups, 2,000,000 enterprise blacklist entries) against a
 * pass-through topology with the same serdes and exactly-once settings, consuming the same
 * pre-loaded messages, in rotating rounds with a third topology, the evaluation floor
 * ({@link EvaluationFloorTopology}: deserialize and evaluate the rules, nothing else), which bounds
 * what any topology on this matcher can reach; then decision latency at half the full topology's peak.
 *
 * <p>Throughput is measured in steady state: after one unmeasured round of each topology (the JIT
 * compiles the broker's, the clients' and GroupGuard's hot code once for the whole JVM), the
 * clock starts once the application (global stores restored) has committed the first
 * {@value #WARM_UP_PERCENT}% of the input — by then every tenant's rule set is compiled (on its
 * first message) — and stops once its consumer group has committed the whole input; under exactly-once an input
 * offset is committed in the same transaction as the outputs it caused. Both topologies run with
 * one stream thread per core. The rules follow {@link RuleMix#PRODUCTION}: a few percent carry a
 * link whitelist or a rate, duplicate or flood limit. Latency = the wall-clock time a
 * {@code read_committed} consumer receives the first violation of a message minus the message's
 * send time (set just before the send; the producer lingers up to 5 ms, Kafka's default, to batch): what a moderation consumer experiences,
 * commit interval included; a warm-up message per tenant is decided before the traffic starts, and
 * the traffic's first seconds (half the timed phase) are reported apart from the timed phase.
 * Memory: heap in use and VmRSS of this one JVM, which also hosts the broker, the registry and the
 * load generator.
 *
 * <p>Run {@code scripts/bench-e2e.sh [--quick]}; prints a table and writes {@code target/bench-e2e.json}
 * and every first violation of the latency phase to {@code target/bench-e2e-latency.csv}.
 */
public final class EndToEndBenchmark {

  /**
   * @param overrides GroupGuard configuration (kafka.* included) applied to every application of the run
   * @param latencyRate messages per second of the latency phase; 0 = half the full topology's median
   * @param spamShare the load generator's share of spam messages (see {@link LoadProfile#spamShare()})
   */
  private record Settings(boolean quick, int messages, int rounds, int rules, int keywords, int groups, long blacklist,
      int latencySeconds, Map<String, String> overrides, double latencyRate, double spamShare) {

    static Settings parse(String[] args) {
      boolean quick = List.of(args).contains("--quick");
      int messages = quick ? 100_000 : 1_000_000;
      int rounds = quick ? 1 : 3;
      double latencyRate = 0;
      double spamShare = DEFAULT_SPAM_SHARE;
      Map<String, String> overrides = new LinkedHashMap<>();
      for (int i = 0; i < args.length; i++) {
        switch (args[i]) {
          case "--quick" -> { }
          case "--messages" -> messages = Integer.parseInt(args[++i]);
          case "--rounds" -> rounds = Integer.parseInt(args[++i]);
          case "--latency-rate" -> latencyRate = Double.parseDouble(args[++i]);
          case "--spam-share" -> spamShare = Double.parseDouble(args[++i]);
          case "--set" -> {
            String[] setting = args[++i].split("=", 2);
            if (setting.length != 2) {
              throw new IllegalArgumentException("--set needs key=value, not " + args[i]);
            }
            overrides.put(setting[0], setting[1]);
          }
          default -> throw new IllegalArgumentException("unknown argument " + args[i]
              + "; use --quick, --messages N, --rounds N, --latency-rate N, --spam-share S, --set key=value");
        }
      }
      return quick ? new Settings(true, messages, rounds, 100, 100, 2_000, 100_000, 10, overrides, latencyRate, spamShare)
          : new Settings(false, messages, rounds, 1_000, 100, 20_000, 2_000_000, 30, overrides, latencyRate, spamShare);
    }
  }

  /** One message in five is spam, so that figures stay comparable across runs; --spam-share sets another share. */
  private static final double DEFAULT_SPAM_SHARE = 0.2;
  private static final Duration TIMEOUT = Duration.ofMinutes(10);
  private static final String MESSAGES = "bench.messages";
  /**
   * Every first violation of the latency phase: when its message was sent, its latency, how long until it was
   * made, whether it took the flood check, whether it was timed.
   */
  private static final Path LATENCY_TRACE = Path.of("target/bench-e2e-latency.csv");
  private static final int WARM_UP_PERCENT = 10;
  /** The target for the p99 decision latency. */
  private static final long LATENCY_TARGET_MS = 100;
  private static final int THREAD_KINDS_SHOWN = 8;
  /** What names the round in its topics: the application id of internal topics, the round's prefix of the others. */
  private static final Pattern ROUND_TOPIC_PREFIX = Pattern.compile("^(bench-[a-z]+-\\d+-|bench\\.[a-z]+\\d+\\.)");
  private static final RuleMix RULE_MIX = RuleMix.PRODUCTION;

  private final Settings settings;
  private final LocalStack stack;
  private final RestSchemaRegistryClient registry;
  private final ConsumerGroupProgress progress;
  private final Map<String, Object> result = new LinkedHashMap<>();
  private final AtomicLong maxHeapBytes = new AtomicLong();
  private final AtomicLong maxRssKb = new AtomicLong();

  private EndToEndBenchmark(Settings settings, LocalStack stack) {
    this.settings = settings;
    this.stack = stack;
    this.registry = new RestSchemaRegistryClient(stack.schemaRegistryUrl(), null, Duration.ofSeconds(10));
    this.progress = new ConsumerGroupProgress(stack.bootstrapServers());
  }

  public static void main(String[] args) throws Exception {
    Settings settings = Settings.parse(args);
    for (String logger : List.of("org.apache.kafka", "kafka", "state.change.logger", "io.groupguard")) {
      ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger(logger)).setLevel(Level.ERROR);
    }
    ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor();
    try (LocalStack stack = LocalStack.start()) {
      EndToEndBenchmark benchmark = new EndToEndBenchmark(settings, stack);
      sampler.scheduleAtFixedRate(benchmark::sampleMemory, 0, 500, TimeUnit.MILLISECONDS);
      benchmark.run();
    } finally {
      sampler.shutdownNow();
    }
    System.exit(0); // Kafka's non-daemon threads of closed clients must not keep the benchmark alive
  }

  private void run() throws Exception {
    LoadProfile profile = new LoadProfile(7, 1, settings.groups, 50_000, settings.rules, settings.keywords, 200,
        settings.blacklist, settings.spamShare, 0.05, 0.5);
    result.put("settings", settings);
    result.put("configOverrides", settings.overrides);
    result.put("cores", Runtime.getRuntime().availableProcessors());
    result.put("dataDir", System.getProperty("java.io.tmpdir")); // the broker's logs and the applications' state
    result.put("ruleMixPerTenant", RULE_MIX.describe(profile.rulesOf(0)) + " (of " + profile.rulesOf(0) + ")");
    loadConfiguration(profile);
    preload(profile);

    // An unmeasured round of each first: the JIT compiles for tens of seconds (the broker's code, the
    // clients', RocksDB's bindings, GroupGuard's), which in a short run would be measured as the
    // application's cost; a long-running instance has long finished.
    Map<String, TenantRuleSet> ruleSets = compiledRuleSets(profile);
    log("warm-up round: full %.0f msg/s, pass-through %.0f msg/s, evaluation floor %.0f msg/s (not counted)",
        measureFull(0).msgPerSec(), measurePassThrough(0).msgPerSec(), measureFloor(0, ruleSets).msgPerSec());
    List<Measured> full = new ArrayList<>();
    List<Measured> pass = new ArrayList<>();
    List<Measured> floor = new ArrayList<>();
    for (int round = 1; round <= settings.rounds; round++) {
      // Each topology takes each place in the order in turn: what ran before may still be flushing or compacting.
      for (int i = 0; i < 3; i++) {
        switch ((round + i) % 3) {
          case 1 -> full.add(measureFull(round));
          case 2 -> pass.add(measurePassThrough(round));
          default -> floor.add(measureFloor(round, ruleSets));
        }
      }
      log("round %d: full %.0f msg/s, pass-through %.0f msg/s, evaluation floor %.0f msg/s", round,
          full.get(round - 1).msgPerSec(), pass.get(round - 1).msgPerSec(), floor.get(round - 1).msgPerSec());
    }
    double fullMedian = putRounds("full", full);
    double passMedian = putRounds("passThrough", pass);
    double floorMedian = putRounds("evaluationFloor", floor);
    result.put("ratioFullToPassThrough", round2(fullMedian / passMedian));
    result.put("ratioEvaluationFloorToPassThrough", round2(floorMedian / passMedian));
    result.put("cpuRatioPassThroughToFull", round2(medianCpu(pass) / medianCpu(full)));
    result.put("cpuRatioPassThroughToEvaluationFloor", round2(medianCpu(pass) / medianCpu(floor)));
    measureLatency(profile, settings.latencyRate > 0 ? settings.latencyRate : fullMedian / 2);
    result.put("maxHeapUsedMb", maxHeapBytes.get() / (1024 * 1024));
    result.put("maxRssMb", maxRssKb.get() / 1024);
    printAndWrite();
  }

  /** Publishes rules and blacklist, and lets one GroupGuard instance validate them into the in-force topics. */
  private void loadConfiguration(LoadProfile profile) throws Exception {
    GroupGuardConfig config = stack.config("bench-setup", Map.of(GroupGuardConfig.TOPIC_MESSAGES, "bench.setup.messages",
        GroupGuardConfig.TOPIC_RULES, "bench.rules", GroupGuardConfig.TOPIC_BLACKLIST, "bench.blacklist"));
    try (GroupGuardApp app = GroupGuardApp.start(config);
        RecordPublisher publisher = new RecordPublisher(stack.bootstrapServers(), Map.of())) {
      long start = System.nanoTime();
      long now = System.currentTimeMillis();
      publisher.publish(app.topics().rules(), new RuleGenerator(profile, RULE_MIX).rules(),
          rule -> RecordKeys.rule(rule.getTenantId(), rule.getRuleId()), rule -> now);
      publisher.publish(app.topics().blacklist(), new BlacklistGenerator(profile).entries(),
          entry -> BlacklistKey.of(entry).format(), entry -> now);
      double publishSeconds = secondsSince(start);
      log("published %,d rules and %,d blacklist entries in %.1f s", settings.rules, settings.blacklist, publishSeconds);
      awaitRecords(app.topics().rulesInForce().name(), settings.rules);
      awaitRecords(app.topics().blacklistInForce().name(), settings.blacklist);
      double inForceSeconds = secondsSince(start);
      log("all in force after %.1f s", inForceSeconds);
      result.put("configPublishSeconds", round2(publishSeconds));
      result.put("configInForceSeconds", round2(inForceSeconds));
    }
  }

  /**
   * Writes the messages every round reads. Not idempotent: on this loaded single broker the
   * idempotent producer now and then restarted a partition's sequence at 0 and then retried that
   * batch forever (OutOfOrderSequenceException); a duplicate message is harmless here.
   */
  private void preload(LoadProfile profile) {
    Topics topics = Topics.from(stack.config("bench-preload", Map.of(GroupGuardConfig.TOPIC_MESSAGES, MESSAGES)), registry);
    stack.broker().createTopics(List.of(topics.messages().newTopic(3, (short) 1)));
    ChatTraffic traffic = new ChatTraffic(profile);
    Instant sendTime = Instant.now();
    long start = System.nanoTime();
    try (KafkaProducer<String, ChatMessage> producer = new KafkaProducer<>(Map.of(
        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers(),
        ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, false,
        ProducerConfig.ACKS_CONFIG, "1",
        ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024,
        ProducerConfig.LINGER_MS_CONFIG, 5), new StringSerializer(), topics.messages().valueSerde().serializer())) {
      for (int i = 0; i < settings.messages; i++) {
        ChatMessage message = traffic.next(sendTime).message();
        producer.send(new ProducerRecord<>(MESSAGES, null, sendTime.toEpochMilli(),
            RecordKeys.group(message.getTenantId(), message.getGroupId()), message));
      }
      producer.flush();
    }
    long written = progress.committedEnd(MESSAGES);
    if (written < settings.messages) {
      throw new IllegalStateException("only " + written + " of " + settings.messages + " messages were written");
    }
    log("pre-loaded %,d messages in %.1f s", settings.messages, secondsSince(start));
  }

  /**
   * One round of one topology: steady-state messages per second, the JVM's CPU per message besides the JIT, and
   * that CPU by the kinds of thread that took it (JIT included).
   */
  private record Measured(double msgPerSec, double cpuMicrosPerMessage, Map<String, Double> cpuMicrosPerMessageByThreads,
      Map<String, Double> recordsWrittenPerMessageByTopic) {

    double recordsWrittenPerMessage() {
      return round2(recordsWrittenPerMessageByTopic.values().stream().mapToDouble(Double::doubleValue).sum());
    }
  }

  private Measured measureFull(int round) throws Exception {
    String appId = "bench-full-" + round;
    GroupGuardConfig config = stack.config(appId, roundTopics("full", round));
    long start = System.nanoTime();
    try (GroupGuardApp app = GroupGuardApp.start(config)) {
      return measure(appId, app.streams(), start, "full", "full", round == 1);
    }
  }

  private Measured measurePassThrough(int round) throws Exception {
    String appId = "bench-pass-" + round;
    String output = "bench.pass" + round + ".output";
    stack.broker().createTopics(List.of(new org.apache.kafka.clients.admin.NewTopic(output, 3, (short) 1)));
    return measureTopology(appId, roundTopics("pass", round), topics -> PassThroughTopology.build(topics.messages(), output),
        "pass-through", "passThrough");
  }

  /** The evaluation floor ({@link EvaluationFloorTopology}) on the rule sets the full topology compiles from the same rules. */
  private Measured measureFloor(int round, Map<String, TenantRuleSet> ruleSets) throws InterruptedException {
    LongAdder withFindings = new LongAdder();
    Measured measured = measureTopology("bench-floor-" + round, roundTopics("floor", round),
        topics -> EvaluationFloorTopology.build(topics.messages(), ruleSets, withFindings), "evaluation floor",
        "evaluationFloor");
    result.putIfAbsent("evaluationFloorShareOfMessagesWithFindings", round2((double) withFindings.sum() / settings.messages));
    return measured;
  }

  /** One round of a topology that runs as plain Kafka Streams with GroupGuard's serdes and Streams settings. */
  private Measured measureTopology(String appId, Map<String, Object> roundConfig, Function<Topics, Topology> topology,
      String what, String resultKey) throws InterruptedException {
    GroupGuardConfig config = stack.config(appId, roundConfig);
    long start = System.nanoTime();
    try (KafkaStreams streams = new KafkaStreams(topology.apply(Topics.from(config, registry)), StreamsProperties.from(config))) {
      streams.start();
      return measure(appId, streams, start, what, resultKey, false);
    }
  }

  /** Every tenant's rules as the rule generator published them, compiled as the full topology compiles them. */
  private Map<String, TenantRuleSet> compiledRuleSets(LoadProfile profile) {
    Map<String, List<ModerationRule>> byTenant = new HashMap<>();
    new RuleGenerator(profile, RULE_MIX).rules()
        .forEachRemaining(rule -> byTenant.computeIfAbsent(rule.getTenantId(), t -> new ArrayList<>()).add(rule));
    Map<String, TenantRuleSet> compiled = new HashMap<>();
    byTenant.forEach((tenant, rules) -> compiled.put(tenant, TenantRuleSet.compile(tenant, rules)));
    return compiled;
  }

  /**
   * Each round reads the pre-loaded messages and the shared in-force topics, with empty rule and
   * blacklist input topics (nothing to re-validate) and its own output topics, on one stream
   * thread per core. Its own restrictions topic too: with a shared one, a round's global store
   * would start with the mutes and kicks of the rounds before it, so later rounds would judge
   * more muted senders and decide fewer actions than the first.
   */
  private Map<String, Object> roundTopics(String kind, int round) {
    String prefix = "bench." + kind + round + ".";
    Map<String, Object> topics = new HashMap<>();
    topics.put(GroupGuardConfig.NUM_STREAM_THREADS, Runtime.getRuntime().availableProcessors());
    topics.putAll(settings.overrides);
    topics.put(GroupGuardConfig.TOPIC_MESSAGES, MESSAGES);
    for (String key : List.of(GroupGuardConfig.TOPIC_RULES, GroupGuardConfig.TOPIC_BLACKLIST, GroupGuardConfig.TOPIC_VIOLATIONS,
        GroupGuardConfig.TOPIC_ACTIONS, GroupGuardConfig.TOPIC_REJECTIONS, GroupGuardConfig.TOPIC_DEAD_LETTERS,
        GroupGuardConfig.TOPIC_MEMBER_EVENTS, GroupGuardConfig.TOPIC_MEMBER_RESTRICTIONS, GroupGuardConfig.TOPIC_ADMIN_COMMANDS,
        GroupGuardConfig.TOPIC_ADMIN_RESULTS, GroupGuardConfig.TOPIC_VIOLATION_COUNTS)) {
      topics.put(key, prefix + key);
    }
    return topics;
  }

  /**
   * Watches the consumer group's committed offsets from the start: the clock starts at the first
   * commit that covers the warm-up and stops when all input is committed. (A stream thread may
   * process before the whole instance reports RUNNING, so its state is no start signal.) With
   * {@code cpuProfiled}, async-profiler records the measured window if the run asked for it ({@link CpuProfile}).
   * {@code what} names the topology in the log, {@code resultKey} in the JSON result.
   */
  private Measured measure(String appId, KafkaStreams streams, long startNanos, String what, String resultKey,
      boolean cpuProfiled) throws InterruptedException {
    long[] committed = new long[1];
    await(what + " committed the warm-up", () -> (committed[0] = progress.committed(appId, MESSAGES))
        >= settings.messages * WARM_UP_PERCENT / 100);
    long steady = System.nanoTime();
    ThreadCpu cpuAtStart = ThreadCpu.now();
    RecordsWritten writtenAtStart = RecordsWritten.of(streams);
    Optional<CpuProfile> profile = cpuProfiled ? CpuProfile.startIfRequested(CpuProfile.Phase.FULL_ROUND) : Optional.empty();
    long warmedUp = committed[0];
    if (warmedUp >= settings.messages) {
      throw new IllegalStateException(what + " committed all input before the clock started: use more --messages");
    }
    await(what + " committed all input", () -> progress.committed(appId, MESSAGES) >= settings.messages);
    double seconds = secondsSince(steady);
    profile.ifPresent(CpuProfile::stop);
    ThreadCpu cpuAtEnd = ThreadCpu.now();
    RecordsWritten writtenAtEnd = RecordsWritten.of(streams);
    long cpuNanos = cpuAtEnd.processNanosSince(cpuAtStart);
    long jitNanos = cpuAtEnd.jitNanosSince(cpuAtStart);
    long measured = settings.messages - warmedUp;
    Map<String, Double> writtenByTopic = writtenAtEnd.perMessageSince(writtenAtStart, measured, ROUND_TOPIC_PREFIX);
    double cpuMicrosPerMessage = Math.max(0, cpuNanos - jitNanos) / 1e3 / measured;
    Map<String, Double> byThreads = microsPerMessage(cpuAtEnd.nanosByKindSince(cpuAtStart), measured);
    log("%s: warm-up %,d messages committed after %.1f s, then %,d messages in %.1f s; CPU %.1f us/msg besides the JIT"
        + " (which took %.0f%% of the window's CPU); by threads (us/msg): %s", what, warmedUp, (steady - startNanos) / 1e9,
        measured, seconds, cpuMicrosPerMessage, 100.0 * jitNanos / Math.max(1, cpuNanos), byThreads);
    Measured round = new Measured(measured / seconds, round2(cpuMicrosPerMessage), byThreads, writtenByTopic);
    log("%s: %.2f records written per input message, by topic: %s", what, round.recordsWrittenPerMessage(), writtenByTopic);
    result.putIfAbsent(resultKey + "WarmUpSeconds", round2((steady - startNanos) / 1e9));
    return round;
  }

  /** The {@value #THREAD_KINDS_SHOWN} thread kinds that took the most CPU, and the rest, in microseconds per message. */
  private static Map<String, Double> microsPerMessage(Map<String, Long> nanosByKind, long messages) {
    Map<String, Double> shown = new LinkedHashMap<>();
    long rest = 0;
    for (Map.Entry<String, Long> kind : nanosByKind.entrySet()) {
      if (shown.size() < THREAD_KINDS_SHOWN) {
        shown.put(kind.getKey(), round2(kind.getValue() / 1e3 / messages));
      } else {
        rest += kind.getValue();
      }
    }
    shown.put("the rest", round2(rest / 1e3 / messages));
    return shown;
  }

  /** Puts one topology's rounds into the result and returns its median messages per second. */
  private double putRounds(String what, List<Measured> rounds) {
    double median = median(rounds.stream().map(Measured::msgPerSec).toList());
    result.put(what + "MsgPerSec", rounds.stream().map(Measured::msgPerSec).toList());
    result.put(what + "CpuMicrosPerMsg", rounds.stream().map(Measured::cpuMicrosPerMessage).toList());
    result.put(what + "CpuMicrosPerMsgByThreads", rounds.stream().map(Measured::cpuMicrosPerMessageByThreads).toList());
    result.put(what + "RecordsWrittenPerMsg", rounds.stream().map(Measured::recordsWrittenPerMessage).toList());
    result.put(what + "RecordsWrittenPerMsgByTopic", rounds.stream().map(Measured::recordsWrittenPerMessageByTopic).toList());
    result.put(what + "MedianMsgPerSec", Math.round(median));
    return median;
  }

  private static double medianCpu(List<Measured> rounds) {
    return median(rounds.stream().map(Measured::cpuMicrosPerMessage).toList());
  }

  /** Produces at {@code rate} while a read_committed consumer times the first violation of each message. */
  private void measureLatency(LoadProfile profile, double rate) throws Exception {
    String appId = "bench-latency";
    Map<String, Object> topicNames = roundTopics("latency", 0);
    topicNames.put(GroupGuardConfig.TOPIC_MESSAGES, "bench.latency.messages");
    GroupGuardConfig config = stack.config(appId, topicNames);
    LatencyRecorder latencies = new LatencyRecorder();
    LatencyRecorder floodCheckedLatencies = new LatencyRecorder();
    LatencyRecorder startupLatencies = new LatencyRecorder();
    LatencyRecorder untilDecided = new LatencyRecorder();
    TreeMap<Long, LatencyRecorder> bySecond = new TreeMap<>();
    Set<String> floodCheckedGroups = floodLimitedGroups(profile);
    try (GroupGuardApp app = GroupGuardApp.start(config);
        RecordPublisher publisher = new RecordPublisher(stack.bootstrapServers(), Map.of())) {
      await("latency app RUNNING", () -> app.streams().state() == KafkaStreams.State.RUNNING);
      warmUp(appId, app.topics().messages(), profile, publisher);
      AtomicBoolean producing = new AtomicBoolean(true);
      // The traffic's first seconds are not timed: a new instance starts with cold RocksDB caches and
      // code paths the earlier rounds did not take, and builds a backlog it takes seconds to drain
      // (measured: latencies of 1-3 s in the first 10 s at 12,600 msg/s). They are reported apart.
      long trafficStart = System.currentTimeMillis();
      long timedFrom = trafficStart + TimeUnit.SECONDS.toMillis(latencyWarmUpSeconds());
      StringBuilder trace = new StringBuilder("sendTimeMs,latencyMs,decidedAfterMs,floodChecked,timed\n");
      Thread consumer = new Thread(() -> consumeViolations(app.topics().violations(), trafficStart, producing,
          (violation, latency) -> {
            long sendTime = violation.getEventTime().toEpochMilli();
            boolean floodChecked = floodCheckedGroups.contains(RecordKeys.group(violation.getTenantId(), violation.getGroupId()));
            boolean timed = sendTime >= timedFrom;
            long decidedAfter = violation.getDetectedAt().toEpochMilli() - sendTime;
            (!timed ? startupLatencies : floodChecked ? floodCheckedLatencies : latencies).record(latency);
            if (timed) {
              untilDecided.record(decidedAfter);
              bySecond.computeIfAbsent((sendTime - timedFrom) / 1000, second -> new LatencyRecorder()).record(latency);
            }
            trace.append(sendTime).append(',').append(latency).append(',').append(decidedAfter).append(',')
                .append(floodChecked).append(',').append(timed)
                .append('\n');
          }));
      consumer.start();
      ChatTraffic traffic = new ChatTraffic(new LoadProfile(8, profile.tenants(), profile.groupsPerTenant(),
          profile.membersPerTenant(), profile.rules(), profile.keywordsPerRule(), profile.groupsPerRule(),
          profile.blacklistEntries(), profile.spamShare(), profile.duplicateShare(), profile.chineseShare()));
      RatePacer pacer = new RatePacer(rate);
      long timedStartNanos = System.nanoTime() + TimeUnit.SECONDS.toNanos(latencyWarmUpSeconds());
      long end = timedStartNanos + TimeUnit.SECONDS.toNanos(settings.latencySeconds);
      ThreadCpu cpuAtTimedStart = null;
      CpuTimeline timeline = null;
      Optional<CpuProfile> cpuProfile = Optional.empty();
      long sent = 0;
      long sentBeforeTimed = 0;
      while (System.nanoTime() - end < 0) {
        if (cpuAtTimedStart == null && System.nanoTime() - timedStartNanos >= 0) {
          cpuAtTimedStart = ThreadCpu.now();
          timeline = CpuTimeline.start();
          cpuProfile = CpuProfile.startIfRequested(CpuProfile.Phase.LATENCY);
          sentBeforeTimed = sent;
          BrokerRequestTimes.reset();
        }
        pacer.awaitNext();
        long now = System.currentTimeMillis();
        ChatMessage message = traffic.next(Instant.ofEpochMilli(now)).message();
        publisher.send(app.topics().messages(), RecordKeys.group(message.getTenantId(), message.getGroupId()), message, now);
        sent++;
      }
      ThreadCpu cpuAtTimedEnd = ThreadCpu.now();
      timeline.close();
      cpuProfile.ifPresent(CpuProfile::stop);
      double coresBusy = cpuAtTimedEnd.processNanosSince(cpuAtTimedStart) / (double) TimeUnit.SECONDS.toNanos(settings.latencySeconds);
      Map<String, Double> cpuByThreads = microsPerMessage(cpuAtTimedEnd.nanosByKindSince(cpuAtTimedStart), sent - sentBeforeTimed);
      publisher.flush();
      long total = sent;
      long backlog = total - progress.committed(appId, "bench.latency.messages");
      await("latency app committed all input", () -> progress.committed(appId, "bench.latency.messages") >= total);
      producing.set(false);
      consumer.join();
      Files.writeString(LATENCY_TRACE, trace);
      Map<String, Double> threadTimes = streamThreadTimes(app.streams());
      log("latency phase: this JVM (broker, registry, load generator, application) kept %.2f of %d cores busy;"
          + " by threads (us per timed message): %s; the stream threads (mean of threads): %s", coresBusy,
          Runtime.getRuntime().availableProcessors(), cpuByThreads, threadTimes);
      result.put("latencyCoresBusy", round2(coresBusy));
      result.put("latencyCpuMicrosPerMsgByThreads", cpuByThreads);
      result.put("latencyStreamThreads", threadTimes);
      Map<String, List<Double>> coresBySecond = timeline.coresBySecond(THREAD_KINDS_SHOWN);
      List<Long> gcPauses = timeline.gcPauseMillisBySecond();
      log("latency phase, second by second: cores busy %s; GC pauses (ms) %s", coresBySecond, gcPauses);
      result.put("latencyCoresBySecond", coresBySecond);
      result.put("latencyGcPauseMsBySecond", gcPauses);
      Map<String, String> brokerTimes = BrokerRequestTimes.summary();
      log("latency phase: the broker's request times in the timed seconds: %s", brokerTimes);
      result.put("latencyBrokerRequestTimes", brokerTimes);
      LatencyRecorder all = latencies.with(floodCheckedLatencies);
      log("latency at %.0f msg/s (%,d sent, %,d not yet committed when sending stopped, %,d violating messages timed"
          + " after %d s untimed): p50 %d ms, p99 %d ms; without a flood check p50 %d / p99 %d ms, %,d messages of groups"
          + " with a flood limit (a repartition more) p50 %d / p99 %d ms; the untimed first seconds p50 %d / p99 %d ms;"
          + " until the violation was made (the rest is waiting for the commit) p50 %d / p99 %d ms",
          rate, sent, backlog, all.count(), latencyWarmUpSeconds(), all.percentile(50), all.percentile(99),
          latencies.percentile(50), latencies.percentile(99), floodCheckedLatencies.count(),
          floodCheckedLatencies.percentile(50), floodCheckedLatencies.percentile(99), startupLatencies.percentile(50),
          startupLatencies.percentile(99), untilDecided.percentile(50), untilDecided.percentile(99));
      result.put("latencyRateMsgPerSec", Math.round(rate));
      result.put("latencyBacklogWhenSendingStopped", backlog);
      result.put("latencyMessagesTimed", all.count());
      result.put("latencyP50Ms", all.percentile(50));
      result.put("latencyP99Ms", all.percentile(99));
      result.put("latencyWithoutFloodCheckP50P99Ms", List.of(latencies.percentile(50), latencies.percentile(99)));
      result.put("latencyWithFloodCheckP50P99Ms",
          List.of(floodCheckedLatencies.percentile(50), floodCheckedLatencies.percentile(99)));
      result.put("latencyUntilDecidedP50P99Ms", List.of(untilDecided.percentile(50), untilDecided.percentile(99)));
      // The timed seconds only: a last, partial second holds the few messages sent as the clock ran out.
      List<Long> p99BySecond = bySecond.headMap((long) settings.latencySeconds).values().stream()
          .map(second -> second.percentile(99)).toList();
      long secondsOverTarget = p99BySecond.stream().filter(p99 -> p99 > LATENCY_TARGET_MS).count();
      log("latency: %d of %d timed seconds had a p99 over %d ms; p99 by second of sending (ms): %s", secondsOverTarget,
          p99BySecond.size(), LATENCY_TARGET_MS, p99BySecond);
      result.put("latencySecondsWithP99OverTarget", secondsOverTarget + " of " + p99BySecond.size());
      result.put("latencyP99BySecondMs", p99BySecond);
      result.put("latencyUntimedSeconds", latencyWarmUpSeconds());
      result.put("latencyUntimedP50P99Ms", List.of(startupLatencies.percentile(50), startupLatencies.percentile(99)));
    }
  }

  /**
   * Where the stream threads' time went (means over threads of Kafka Streams' thread metrics and of
   * their producers' totals, times in ms): a message's decision becomes visible only when its
   * transaction commits, so the commit's length and how often it happens bound the latency.
   */
  private static Map<String, Double> streamThreadTimes(KafkaStreams streams) {
    Map<String, Double> means = new LinkedHashMap<>();
    means.putAll(meanPerClient(streams, "stream-thread-metrics", "thread-id", 1, List.of("commit-latency-avg",
        "commit-latency-max", "commit-ratio", "process-ratio", "poll-ratio", "punctuate-ratio", "commit-total")));
    means.putAll(meanPerClient(streams, "producer-metrics", "client-id", 1e6, List.of("flush-time-ns-total",
        "txn-send-offsets-time-ns-total", "txn-commit-time-ns-total")));
    means.putAll(meanPerClient(streams, "producer-metrics", "client-id", 1, List.of("record-retry-total")));
    return means;
  }

  private static Map<String, Double> meanPerClient(KafkaStreams streams, String group, String clientTag, double divisor,
      List<String> names) {
    Map<String, Double> sums = new LinkedHashMap<>();
    Set<String> clients = new HashSet<>();
    streams.metrics().forEach((name, metric) -> {
      String client = name.tags().get(clientTag);
      if (name.group().equals(group) && names.contains(name.name()) && client != null && client.contains("StreamThread")
          && metric.metricValue() instanceof Double value && !value.isNaN()) {
        clients.add(client);
        sums.merge(name.name(), value / divisor, Double::sum);
      }
    });
    Map<String, Double> means = new LinkedHashMap<>();
    names.stream().filter(sums::containsKey)
        .forEach(name -> means.put(name.replace("-ns-", "-ms-"), round2(sums.get(name) / clients.size())));
    return means;
  }

  /** One message per tenant, decided before timing starts: it compiles the tenant's rule set. */
  private void warmUp(String appId, Topic<String, ChatMessage> messages, LoadProfile profile, RecordPublisher publisher)
      throws InterruptedException {
    Instant now = Instant.now();
    for (int tenant = 0; tenant < profile.tenants(); tenant++) {
      ChatMessage message = ChatMessage.newBuilder()
          .setTenantId(profile.tenantId(tenant))
          .setGroupId(LoadProfile.groupId(0))
          .setMessageId("warm-up-" + tenant)
          .setSenderId(LoadProfile.memberId(0))
          .setSenderKind(SenderKind.CUSTOMER)
          .setSendTime(now)
          .setContentType(ContentType.TEXT)
          .setText("warm-up")
          .build();
      publisher.send(messages, RecordKeys.group(message.getTenantId(), message.getGroupId()), message, now.toEpochMilli());
    }
    publisher.flush();
    await("warm-up messages committed", () -> progress.committed(appId, messages.name()) >= profile.tenants());
  }

  /** Groups whose messages take the flood check's repartition: every group of a rule with a flood limit. */
  private static Set<String> floodLimitedGroups(LoadProfile profile) {
    Set<String> groups = new HashSet<>();
    for (Iterator<ModerationRule> rules = new RuleGenerator(profile, RULE_MIX).rules(); rules.hasNext(); ) {
      ModerationRule rule = rules.next();
      if (rule.getFloodLimit() != null && rule.getEnabled()) {
        List<String> groupIds = rule.getAllGroups()
            ? IntStream.range(0, profile.groupsPerTenant()).mapToObj(LoadProfile::groupId).toList()
            : rule.getGroupIds();
        groupIds.forEach(groupId -> groups.add(RecordKeys.group(rule.getTenantId(), groupId)));
      }
    }
    return groups;
  }

  /** The untimed start of the latency phase: half as long as the timed part, which follows it. */
  private int latencyWarmUpSeconds() {
    return settings.latencySeconds / 2;
  }

  /** Hands each message's first violation, for messages sent from {@code trafficStart} on, to {@code onFirst}. */
  private void consumeViolations(Topic<String, Violation> violations, long trafficStart, AtomicBoolean producing,
      BiConsumer<Violation, Long> onFirst) {
    Set<String> seen = new HashSet<>();
    try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(
        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers(),
        ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
        ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
        ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 10), new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      List<TopicPartition> partitions = consumer.partitionsFor(violations.name()).stream()
          .map(info -> new TopicPartition(info.topic(), info.partition())).toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      while (producing.get()) {
        for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(20))) {
          long received = System.currentTimeMillis();
          Violation violation = violations.valueSerde().deserializer().deserialize(violations.name(), record.value());
          long sent = violation.getEventTime().toEpochMilli();
          if (sent >= trafficStart && seen.add(violation.getMessageId())) {
            onFirst.accept(violation, received - sent);
          }
        }
      }
    }
  }

  private void awaitRecords(String topic, long expected) throws InterruptedException {
    try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(
        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers(),
        ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
        ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
        ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 10_000), new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
          .map(info -> new TopicPartition(info.topic(), info.partition())).toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      long[] count = {0};
      await(expected + " records in " + topic, () -> {
        count[0] += consumer.poll(Duration.ofMillis(200)).count();
        return count[0] >= expected;
      });
    }
  }

  private void sampleMemory() {
    maxHeapBytes.accumulateAndGet(ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed(), Math::max);
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
        if (line.startsWith("VmRSS:")) {
          maxRssKb.accumulateAndGet(Long.parseLong(line.replaceAll("\\D", "")), Math::max);
        }
      }
    } catch (IOException e) {
      // not Linux: no RSS figure
    }
  }

  private void printAndWrite() throws IOException {
    System.out.println();
    System.out.printf("%-44s %s%n", "GroupGuard end-to-end benchmark", settings.quick ? "(quick)" : "");
    System.out.printf("%-44s %s%n", "workload", "%,d messages, %,d rules x %d keywords, %,d groups, %,d blacklist entries"
        .formatted(settings.messages, settings.rules, settings.keywords, settings.groups, settings.blacklist));
    result.forEach((key, value) -> {
      if (!key.equals("settings")) {
        System.out.printf("%-44s %s%n", key, value);
      }
    });
    Path out = Path.of("target", "bench-e2e.json");
    Files.createDirectories(out.getParent());
    new ObjectMapper().writerWithDefaultPrettyPrinter().writeValue(out.toFile(), result);
    System.out.println("written to " + out.toAbsolutePath());
  }

  private static void await(String what, BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + TIMEOUT.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() - deadline > 0) {
        throw new IllegalStateException("timed out after " + TIMEOUT + " waiting for " + what);
      }
      Thread.sleep(20);
    }
  }

  private static double median(List<Double> values) {
    List<Double> sorted = values.stream().sorted().toList();
    int middle = sorted.size() / 2;
    return sorted.size() % 2 == 1 ? sorted.get(middle) : (sorted.get(middle - 1) + sorted.get(middle)) / 2;
  }

  private static double secondsSince(long startNanos) {
    return (System.nanoTime() - startNanos) / 1e9;
  }

  static double round2(double value) {
    return Math.round(value * 100) / 100.0;
  }

  private static void log(String format, Object... args) {
    System.out.printf("[%tT] %s%n", System.currentTimeMillis(), String.format(format, args));
  }
}
