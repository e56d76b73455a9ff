package io.groupguard.ops;

import java.time.Duration;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Replaces a stream thread that failed (e.g. on a record it could not read while the schema registry was
 * unavailable) instead of stopping the instance; the new thread processes again from the last commit, so
 * nothing is lost or dead-lettered. The failing thread waits {@code backoff} first, so that a lasting cause
 * (the registry still down) does not turn into a hot loop of failures and rebalances.
 */
public final class StreamThreadReplacer implements StreamsUncaughtExceptionHandler {

  private static final Logger LOG = LoggerFactory.getLogger(StreamThreadReplacer.class);

  private final Duration backoff;

  public StreamThreadReplacer(Duration backoff) {
    this.backoff = backoff;
  }

  @Override
  public StreamThreadExceptionResponse handle(Throwable exception) {
    LOG.error("Stream thread {} failed; replacing it in {} ms, its uncommitted records are processed again",
        Thread.currentThread().getName(), backoff.toMillis(), exception);
    try {
      Thread.sleep(backoff.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return StreamThreadExceptionResponse.REPLACE_THREAD;
  }
}
