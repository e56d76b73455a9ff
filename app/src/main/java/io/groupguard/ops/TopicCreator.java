package io.groupguard.ops;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * Creates topics idempotently and waits until the broker serves them. The controller confirms
 * a creation before the broker has applied it: a Kafka Streams application that starts in that
 * gap fails on a "missing" source topic, and an idempotent producer that writes while the
 * partition's leader is still being installed gets NOT_LEADER_OR_FOLLOWER for a batch the broker
 * may have appended anyway, after which (seen with Kafka 4.3.1 on one broker) it retries with a
 * reset sequence number forever (OUT_OF_ORDER_SEQUENCE_NUMBER). So a topic counts as ready only
 * when every partition's leader answers a ListOffsets request, which needs the leader installed.
 */
public final class TopicCreator {

  private static final Duration POLL_INTERVAL = Duration.ofMillis(50);

  private final Admin admin;
  private final Duration timeout;

  public TopicCreator(Admin admin, Duration timeout) {
    this.admin = admin;
    this.timeout = timeout;
  }

  /**
   * Creates the topics that do not exist yet (existing ones are left as they are) and waits until
   * every partition of every given topic has a leader that serves requests.
   *
   * @throws IllegalStateException if a topic cannot be created or does not get leaders in time
   */
  public void createMissing(Collection<NewTopic> topics) {
    Map<String, KafkaFuture<Void>> results = admin.createTopics(topics).values();
    for (Map.Entry<String, KafkaFuture<Void>> result : results.entrySet()) {
      try {
        await(result.getValue(), "creating topic " + result.getKey());
      } catch (ExecutionException e) {
        if (!(e.getCause() instanceof TopicExistsException)) {
          throw new IllegalStateException("Could not create topic " + result.getKey(), e.getCause());
        }
      }
    }
    awaitLeaders(results.keySet());
  }

  private void awaitLeaders(Collection<String> topicNames) {
    long deadline = System.nanoTime() + timeout.toNanos();
    List<String> waiting = new ArrayList<>(topicNames);
    while (true) {
      waiting.removeIf(this::isServedByLeaders);
      if (waiting.isEmpty()) {
        return;
      }
      if (System.nanoTime() - deadline > 0) {
        throw new IllegalStateException("Topics still without serving partition leaders after " + timeout + ": " + waiting);
      }
      pause();
    }
  }

  private boolean isServedByLeaders(String topic) {
    try {
      TopicDescription description =
          await(admin.describeTopics(List.of(topic)).topicNameValues().get(topic), "describing topic " + topic);
      if (!description.partitions().stream().allMatch(partition -> partition.leader() != null && !partition.leader().isEmpty())) {
        return false;
      }
      Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
      description.partitions().forEach(partition -> latest.put(new TopicPartition(topic, partition.partition()), OffsetSpec.latest()));
      await(admin.listOffsets(latest).all(), "listing the offsets of topic " + topic);
      return true;
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RetriableException) {
        return false; // the broker has not applied the controller's metadata yet, or not installed the leader
      }
      throw new IllegalStateException("Could not check the partition leaders of topic " + topic, e.getCause());
    }
  }

  private <T> T await(KafkaFuture<T> future, String action) throws ExecutionException {
    try {
      return future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      throw new IllegalStateException("Timed out after " + timeout + " " + action, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while " + action, e);
    }
  }

  private static void pause() {
    try {
      Thread.sleep(POLL_INTERVAL.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while waiting for topic leaders", e);
    }
  }
}
