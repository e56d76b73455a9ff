package io.groupguard.loadgen;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongConsumer;
import java.util.function.LongSupplier;

/**
 * Spaces events at a target rate by their schedule (event i at start + i/rate), so a slow
 * moment is caught up rather than lost. A rate of 0 means as fast as possible.
 *
 * <p>The sender sleeps at least {@value #MIN_SLEEP_MICROS} µs at a time and then sends every event
 * that has come due, in a burst: at 10,000 events per second, waking for each event (every 100 µs)
 * cost a load generator sharing the machine with what it measures a fifth of a core in wake-ups.
 */
public final class RatePacer {

  static final long MIN_SLEEP_MICROS = 1_000;

  private final double nanosPerEvent;
  private final LongSupplier nanoTime;
  private final LongConsumer sleeper;
  private final long startNanos;
  private long events;

  public RatePacer(double eventsPerSecond) {
    this(eventsPerSecond, System::nanoTime, LockSupport::parkNanos);
  }

  RatePacer(double eventsPerSecond, LongSupplier nanoTime, LongConsumer sleeper) {
    if (eventsPerSecond < 0) {
      throw new IllegalArgumentException("rate must not be negative, got " + eventsPerSecond);
    }
    this.nanosPerEvent = eventsPerSecond == 0 ? 0 : TimeUnit.SECONDS.toNanos(1) / eventsPerSecond;
    this.nanoTime = nanoTime;
    this.sleeper = sleeper;
    this.startNanos = nanoTime.getAsLong();
  }

  /** Blocks until the next event is due. */
  public void awaitNext() {
    long due = startNanos + (long) (events++ * nanosPerEvent);
    long wait;
    while ((wait = due - nanoTime.getAsLong()) > 0) {
      sleeper.accept(Math.max(wait, TimeUnit.MICROSECONDS.toNanos(MIN_SLEEP_MICROS)));
    }
  }
}
