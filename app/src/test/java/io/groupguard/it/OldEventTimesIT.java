package io.groupguard.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.groupguard.testing.KafkaTestCluster;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Every integration test and the demo write records stamped with event times of fixed past dates. With the
 * broker's default time-based retention such records were deleted at its retention passes once their date
 * was more than 7 days old, and tests waiting for their outputs stalled. The test broker runs a retention
 * pass every second: a topic with 1 ms retention shows that passes happen, and a record 30 days old on a
 * topic with the broker's defaults must outlive them.
 */
class OldEventTimesIT {

  @RegisterExtension
  static final KafkaTestCluster KAFKA = new KafkaTestCluster();

  @Test
  void aRecordWithAnOldEventTimeOutlivesTheBrokersRetentionPasses() throws Exception {
    String kept = "old-event-times.defaults";
    String expiring = "old-event-times.expiring";
    KAFKA.createTopics(new NewTopic(kept, 1, (short) 1),
        new NewTopic(expiring, 1, (short) 1).configs(Map.of(TopicConfig.RETENTION_MS_CONFIG, "1")));
    long thirtyDaysAgo = Instant.now().minus(Duration.ofDays(30)).toEpochMilli();
    try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KAFKA.bootstrapServers()), new StringSerializer(), new StringSerializer());
        Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, KAFKA.bootstrapServers()))) {
      for (String topic : new String[] {kept, expiring}) {
        producer.send(new ProducerRecord<>(topic, 0, thirtyDaysAgo, "k", "a message of a month ago")).get();
        producer.send(new ProducerRecord<>(topic, 0, thirtyDaysAgo, "k", "another")).get();
      }
      RunningApp.await("a retention pass deleted the 1 ms retention topic's records",
          () -> logStartOffset(admin, expiring) > 0);
      // One more pass, so that the default topic has certainly been looked at after its records were written.
      producer.send(new ProducerRecord<>(expiring, 0, thirtyDaysAgo, "k", "third")).get();
      RunningApp.await("a second retention pass", () -> logStartOffset(admin, expiring) > 2);

      assertThat(logStartOffset(admin, kept)).as("records of a month ago on a topic with the broker's defaults").isZero();
    }
  }

  private static long logStartOffset(Admin admin, String topic) {
    try {
      return admin.listOffsets(Map.of(new TopicPartition(topic, 0), OffsetSpec.earliest())).all().get()
          .get(new TopicPartition(topic, 0)).offset();
    } catch (ExecutionException e) {
      throw new IllegalStateException(e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
