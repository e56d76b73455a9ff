package io.groupguard.ops;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.processor.StateRestoreListener;

/**
 * Liveness and readiness of one KafkaStreams instance, from its state transitions and the
 * restorations in flight. Register with {@code setStateListener} and
 * {@code setGlobalStateRestoreListener} before {@code start()}.
 *
 * <p>Live: the instance has not failed (PENDING_ERROR or ERROR, and whatever follows them).
 * Ready: RUNNING (which Kafka Streams only enters once the global stores are restored) and no
 * store of an active task is being restored, so queries and decisions see complete state.
 */
public final class StreamsHealth implements KafkaStreams.StateListener, StateRestoreListener {

  private volatile KafkaStreams.State state = KafkaStreams.State.CREATED;
  private volatile boolean failed;
  private final Set<String> restoring = ConcurrentHashMap.newKeySet();

  @Override
  public void onChange(KafkaStreams.State newState, KafkaStreams.State oldState) {
    if (newState == KafkaStreams.State.PENDING_ERROR || newState == KafkaStreams.State.ERROR) {
      failed = true;
    }
    state = newState;
  }

  @Override
  public void onRestoreStart(TopicPartition partition, String storeName, long startingOffset, long endingOffset) {
    restoring.add(restorationOf(partition, storeName));
  }

  @Override
  public void onBatchRestored(TopicPartition partition, String storeName, long batchEndOffset, long numRestored) {
    // progress is not needed to decide readiness
  }

  @Override
  public void onRestoreEnd(TopicPartition partition, String storeName, long totalRestored) {
    restoring.remove(restorationOf(partition, storeName));
  }

  @Override
  public void onRestoreSuspended(TopicPartition partition, String storeName, long totalRestored) {
    restoring.remove(restorationOf(partition, storeName)); // the task moved to another instance
  }

  public KafkaStreams.State state() {
    return state;
  }

  public boolean live() {
    return !failed;
  }

  public boolean ready() {
    return !failed && state == KafkaStreams.State.RUNNING && restoring.isEmpty();
  }

  public int restorationsInProgress() {
    return restoring.size();
  }

  private static String restorationOf(TopicPartition partition, String storeName) {
    return storeName + "@" + partition;
  }
}
