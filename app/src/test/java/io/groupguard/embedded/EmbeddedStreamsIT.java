package io.groupguard.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

import io.groupguard.testing.KafkaTestClients;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Exactly-once v2 and a RocksDB store work against the one-node embedded broker. */
class EmbeddedStreamsIT {

  private static final String APPLICATION_ID = "embedded-streams-it";
  private static final String INPUT = "embedded-streams-it-input";
  private static final String OUTPUT = "embedded-streams-it-output";
  private static final String COUNT_STORE = "messages-per-key";

  @TempDir
  Path stateDir;

  @Test
  void exactlyOnceApplicationWithRocksDbStoreUppercasesEveryRecord() {
    try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(null, 0)) {
      broker.createTopics(List.of(new NewTopic(INPUT, 1, (short) 1), new NewTopic(OUTPUT, 1, (short) 1)));
      KafkaTestClients clients = new KafkaTestClients(broker.bootstrapServers());

      try (KafkaStreams streams = new KafkaStreams(uppercaseTopology(), streamsConfig(broker.bootstrapServers()))) {
        streams.start();
        clients.produce(INPUT, new StringSerializer(), new StringSerializer(),
            List.of(KeyValue.pair("alice", "hello"), KeyValue.pair("alice", "world"), KeyValue.pair("bob", "kafka")));

        // read_committed: the output only becomes visible once the Streams transaction commits.
        List<ConsumerRecord<String, String>> output = clients.consumeUntil(OUTPUT, new StringDeserializer(),
            new StringDeserializer(), records -> records.size() >= 3, Duration.ofSeconds(45));

        assertThat(output).extracting(ConsumerRecord::key, ConsumerRecord::value)
            .containsExactly(tuple("alice", "HELLO"), tuple("alice", "WORLD"), tuple("bob", "KAFKA"));
        ReadOnlyKeyValueStore<String, Long> counts = streams.store(StoreQueryParameters
            .fromNameAndType(COUNT_STORE, QueryableStoreTypes.<String, Long>keyValueStore())
            .enableStaleStores());
        assertThat(counts.get("alice")).isEqualTo(2L);
        assertThat(counts.get("bob")).isEqualTo(1L);
        assertThat(stateDir.resolve(APPLICATION_ID).resolve("0_0").resolve("rocksdb").resolve(COUNT_STORE))
            .isDirectory();
      }
    }
  }

  private Properties streamsConfig(String bootstrapServers) {
    Properties config = new Properties();
    config.putAll(Map.of(
        StreamsConfig.APPLICATION_ID_CONFIG, APPLICATION_ID,
        StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
        StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2,
        StreamsConfig.STATE_DIR_CONFIG, stateDir.toString(),
        StreamsConfig.DEFAULT_KEY_SERDE_CLASS_CONFIG, Serdes.StringSerde.class,
        StreamsConfig.DEFAULT_VALUE_SERDE_CLASS_CONFIG, Serdes.StringSerde.class));
    return config;
  }

  private static Topology uppercaseTopology() {
    StreamsBuilder builder = new StreamsBuilder();
    builder.addStateStore(Stores.keyValueStoreBuilder(
        Stores.persistentKeyValueStore(COUNT_STORE), Serdes.String(), Serdes.Long()));
    builder.stream(INPUT, Consumed.with(Serdes.String(), Serdes.String()).withName("read-input"))
        .process(UppercaseAndCount::new, Named.as("uppercase-and-count"), COUNT_STORE)
        .to(OUTPUT, Produced.with(Serdes.String(), Serdes.String()).withName("write-output"));
    return builder.build();
  }

  /** Uppercases each value and counts the records per key in the RocksDB store. */
  private static final class UppercaseAndCount implements Processor<String, String, String, String> {

    private ProcessorContext<String, String> context;
    private KeyValueStore<String, Long> counts;

    @Override
    public void init(ProcessorContext<String, String> context) {
      this.context = context;
      this.counts = context.getStateStore(COUNT_STORE);
    }

    @Override
    public void process(Record<String, String> record) {
      Long seen = counts.get(record.key());
      counts.put(record.key(), seen == null ? 1L : seen + 1);
      context.forward(record.withValue(record.value().toUpperCase(Locale.ROOT)));
    }
  }
}
