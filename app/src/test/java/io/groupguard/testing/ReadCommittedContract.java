package io.groupguard.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;

import io.groupguard.testing.KafkaTestClients.TransactionOutcome;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.junit.jupiter.api.Test;

/**
 * What every broker GroupGuard runs against must do on a single node: transactions commit and
 * abort, and a {@code read_committed} reader sees exactly the committed records.
 */
public abstract class ReadCommittedContract {

  private static final Duration TIMEOUT = Duration.ofSeconds(20);

  protected abstract KafkaTestClients clients();

  protected abstract void createTopics(NewTopic... topics);

  @Test
  public void readCommittedConsumerSeesExactlyTheCommittedTransactions() {
    String topic = getClass().getSimpleName() + "-transactions";
    String transactionalId = getClass().getSimpleName() + "-producer";
    // One partition, so "the last committed record has been read" implies every earlier one has.
    createTopics(new NewTopic(topic, 1, (short) 1));
    KafkaTestClients clients = clients();
    clients.produceTransaction(topic, transactionalId, new StringSerializer(), new StringSerializer(),
        List.of(KeyValue.pair("a", "committed-1"), KeyValue.pair("b", "committed-2")), TransactionOutcome.COMMIT);
    clients.produceTransaction(topic, transactionalId, new StringSerializer(), new StringSerializer(),
        List.of(KeyValue.pair("c", "aborted-1"), KeyValue.pair("d", "aborted-2")), TransactionOutcome.ABORT);
    clients.produceTransaction(topic, transactionalId, new StringSerializer(), new StringSerializer(),
        List.of(KeyValue.pair("e", "committed-3")), TransactionOutcome.COMMIT);

    List<ConsumerRecord<String, String>> committed = clients.consumeUntil(
        topic, new StringDeserializer(), new StringDeserializer(), read -> containsValue(read, "committed-3"), TIMEOUT);
    List<ConsumerRecord<String, String>> everything = clients.consumeUntil(topic, IsolationLevel.READ_UNCOMMITTED,
        new StringDeserializer(), new StringDeserializer(), read -> containsValue(read, "committed-3"), TIMEOUT);

    assertThat(values(committed)).containsExactly("committed-1", "committed-2", "committed-3");
    // The aborted records did reach the log; only the isolation level hides them.
    assertThat(values(everything)).containsExactly("committed-1", "committed-2", "aborted-1", "aborted-2", "committed-3");
  }

  private static boolean containsValue(List<ConsumerRecord<String, String>> records, String value) {
    return records.stream().anyMatch(record -> value.equals(record.value()));
  }

  private static List<String> values(List<ConsumerRecord<String, String>> records) {
    return records.stream().map(ConsumerRecord::value).toList();
  }
}
