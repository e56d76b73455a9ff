package io.groupguard.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;

import java.time.Duration;
import java.util.List;

import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class KafkaTestClusterIT extends ReadCommittedContract {

  @RegisterExtension
  static final KafkaTestCluster KAFKA = new KafkaTestCluster();

  @Override
  protected KafkaTestClients clients() {
    return new KafkaTestClients(KAFKA.bootstrapServers());
  }

  @Override
  protected void createTopics(NewTopic... topics) {
    KAFKA.createTopics(topics);
  }

  @Test
  void producedRecordsAreReadBackInOrderAndCreatingATopicTwiceIsHarmless() {
    NewTopic topic = new NewTopic("kafka-test-cluster-it-plain", 1, (short) 1);
    KAFKA.createTopics(topic);
    KAFKA.createTopics(topic);

    KAFKA.produce(topic.name(), new StringSerializer(), new StringSerializer(),
        List.of(KeyValue.pair("k1", "first"), KeyValue.pair("k2", "second")));
    List<ConsumerRecord<String, String>> read = KAFKA.consumeUntil(topic.name(), new StringDeserializer(),
        new StringDeserializer(), records -> records.size() >= 2, Duration.ofSeconds(20));

    assertThat(read).extracting(ConsumerRecord::key, ConsumerRecord::value)
        .containsExactly(tuple("k1", "first"), tuple("k2", "second"));
  }

  @Test
  void consumeUntilFailsListingWhatItReadWhenTheConditionNeverHolds() {
    NewTopic topic = new NewTopic("kafka-test-cluster-it-timeout", 1, (short) 1);
    KAFKA.createTopics(topic);
    KAFKA.produce(topic.name(), new StringSerializer(), new StringSerializer(), List.of(KeyValue.pair("k", "only")));

    assertThatThrownBy(() -> KAFKA.consumeUntil(topic.name(),
            new StringDeserializer(), new StringDeserializer(), records -> records.size() >= 2, Duration.ofSeconds(2)))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("read 1 records")
        .hasMessageContaining("k=only");
  }
}
