package io.groupguard.loadgen;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Spaces events at a target rate by their schedule (event i at start + i/rate), so a slow
 * moment is caught up rather than lost. A rate of 0 means as fast as possible.
 */
public final class RatePacer {

  private final double nanosPerEvent;
  private final long startNanos = System.nanoTime();
  private long events;

  public RatePacer(double eventsPerSecond) {
    if (eventsPerSecond < 0) {
      throw new IllegalArgumentException("rate must not be negative, got " + eventsPerSecond);
    }
    this.nanosPerEvent = eventsPerSecond == 0 ? 0 : TimeUnit.SECONDS.toNanos(1) / eventsPerSecond;
  }

  /** Blocks until the next event is due. */
  public void awaitNext() {
    long due = startNanos + (long) (events++ * nanosPerEvent);
    long wait;
    while ((wait = due - System.nanoTime()) > 0) {
      LockSupport.parkNanos(wait);
    }
  }
}
