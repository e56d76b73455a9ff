package io.groupguard.serde;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.apache.avro.Schema;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Waits out a schema registry outage instead of failing: a lookup that finds the registry unreachable (or
 * answering 5xx) is tried again, with a backoff growing to {@code maxBackoff}, until the registry answers or
 * {@link #stopWaiting()} is called; a wait that ends without an answer fails as unavailable, so a record is
 * read again later and never becomes a dead letter.
 *
 * <p>Why the stream thread waits rather than fails: a failed stream thread is replaced, but Kafka Streams
 * keeps the dead thread's consumer in the group, so its partitions are reassigned only once the group's
 * session timeout (45 s by default) has expired, and the replacement fails again as long as the registry is
 * down. Waiting keeps the thread's membership and tasks; it resumes at most {@code maxBackoff} after the
 * registry is back. A wait longer than the transaction timeout makes the broker abort the open transaction,
 * which Kafka Streams handles as a task migration (the uncommitted records are processed again).
 */
public final class WaitingSchemaRegistryClient implements SchemaRegistryClient {

  private static final Logger LOG = LoggerFactory.getLogger(WaitingSchemaRegistryClient.class);
  private static final Duration FIRST_BACKOFF = Duration.ofMillis(50);
  private static final Duration LOG_EVERY = Duration.ofSeconds(30);

  private final SchemaRegistryClient delegate;
  private final Duration maxBackoff;
  private final AtomicInteger waitingCalls = new AtomicInteger();
  private volatile boolean waiting = true;

  public WaitingSchemaRegistryClient(SchemaRegistryClient delegate, Duration maxBackoff) {
    this.delegate = Objects.requireNonNull(delegate, "delegate");
    this.maxBackoff = Objects.requireNonNull(maxBackoff, "maxBackoff");
  }

  @Override
  public int register(String subject, Schema schema) {
    return untilAvailable(() -> delegate.register(subject, schema), "register a schema under subject " + subject);
  }

  @Override
  public Schema getById(int id) {
    return untilAvailable(() -> delegate.getById(id), "look up schema id " + id);
  }

  /** Calls now waiting for the registry to come back. */
  public int waitingCalls() {
    return waitingCalls.get();
  }

  /** Ends every current and future wait: the call fails as the delegate's did (the application is closing). */
  public void stopWaiting() {
    waiting = false;
  }

  private <T> T untilAvailable(Supplier<T> call, String what) {
    try {
      return call.get();
    } catch (SchemaRegistryException e) {
      if (!e.isUnavailable() || !waiting) {
        throw e;
      }
      waitingCalls.incrementAndGet();
      try {
        return retry(call, what, e);
      } finally {
        waitingCalls.decrementAndGet();
      }
    }
  }

  private <T> T retry(Supplier<T> call, String what, SchemaRegistryException firstFailure) {
    long startNanos = System.nanoTime();
    long lastLogNanos = startNanos;
    LOG.warn("Schema registry unavailable; waiting to {}: {}", what, firstFailure.getMessage());
    Duration backoff = FIRST_BACKOFF;
    SchemaRegistryException failure = firstFailure;
    while (true) {
      if (!sleep(backoff)) {
        throw failure;
      }
      backoff = backoff.multipliedBy(2).compareTo(maxBackoff) > 0 ? maxBackoff : backoff.multipliedBy(2);
      try {
        T result = call.get();
        LOG.info("Schema registry available again after {} ms; {} succeeded", millisSince(startNanos), what);
        return result;
      } catch (SchemaRegistryException e) {
        if (!e.isUnavailable() || !waiting) {
          throw e;
        }
        failure = e;
        if (System.nanoTime() - lastLogNanos >= LOG_EVERY.toNanos()) {
          lastLogNanos = System.nanoTime();
          LOG.warn("Schema registry unavailable for {} ms; still waiting to {}: {}", millisSince(startNanos), what,
              e.getMessage());
        }
      }
    }
  }

  /** False when interrupted: the caller then fails as unavailable, so the record is read again, never dead-lettered. */
  private static boolean sleep(Duration backoff) {
    try {
      Thread.sleep(backoff.toMillis());
      return true;
    } catch (InterruptedException interrupted) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private static long millisSince(long startNanos) {
    return (System.nanoTime() - startNanos) / 1_000_000;
  }

  @Override
  public void close() {
    stopWaiting();
    delegate.close();
  }
}
