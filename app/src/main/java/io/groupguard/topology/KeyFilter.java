package io.groupguard.topology;

import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Which keys a global store may hold: a Bloom filter that answers "certainly absent" without
 * touching the store. The global thread adds every key it writes; stream threads ask
 * before every lookup. Most lookups of the blacklists and of mutes are for members who are in
 * neither, and each of those had cost a RocksDB read under the shared store's lock (a wall-clock
 * profile of the benchmark put global-store reads at about 15% of the stream threads' time, a
 * tenth of it waiting for that lock).
 *
 * <p>There are no false negatives: a key ever added is always "maybe present". Removed keys stay
 * "maybe present" (a filter cannot forget), which only costs the store read that every lookup used
 * to cost. Each key sets {@value #BITS_PER_KEY_HASH} bits within one 64-bit word (one memory read
 * per query); with {@value #BITS_PER_KEY} bits per key about 2% of absent keys are let through.
 * Thread-safe: adds are atomic per word, and a key's bits are visible to a reader once added.
 */
final class KeyFilter {

  static final int BITS_PER_KEY = 10;
  static final int BITS_PER_KEY_HASH = 6;

  private final AtomicLongArray words;
  private final long capacity;

  /** A filter for up to {@code capacity} keys at the stated false-positive rate; more keys raise the rate. */
  KeyFilter(long capacity) {
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity must be at least 1, got " + capacity);
    }
    long wordCount = Math.max(1, capacity * BITS_PER_KEY / Long.SIZE);
    if (wordCount > Integer.MAX_VALUE) {
      throw new IllegalArgumentException("capacity too large: " + capacity);
    }
    this.words = new AtomicLongArray((int) wordCount);
    this.capacity = capacity;
  }

  long capacity() {
    return capacity;
  }

  void add(String key) {
    long hash = hash(key);
    long bits = bitsOf(hash);
    int word = wordOf(hash);
    long current = words.get(word);
    while ((current & bits) != bits && !words.compareAndSet(word, current, current | bits)) {
      current = words.get(word);
    }
  }

  /** False only if {@code key} was never added. */
  boolean mightContain(String key) {
    long hash = hash(key);
    long bits = bitsOf(hash);
    return (words.get(wordOf(hash)) & bits) == bits;
  }

  private int wordOf(long hash) {
    return (int) Long.remainderUnsigned(hash, words.length());
  }

  /** Bit positions from the hash's upper bits (the word index uses all of it, mostly the lower ones). */
  private static long bitsOf(long hash) {
    long bits = 0;
    long positions = Long.rotateRight(hash, 32);
    for (int i = 0; i < BITS_PER_KEY_HASH; i++) {
      bits |= 1L << (positions & 63);
      positions >>>= 6;
    }
    return bits;
  }

  /** FNV-1a over the chars, then MurmurHash3's 64-bit finalizer to spread every input bit. */
  static long hash(String key) {
    long hash = 0xcbf29ce484222325L;
    for (int i = 0; i < key.length(); i++) {
      hash = (hash ^ key.charAt(i)) * 0x100000001b3L;
    }
    hash ^= hash >>> 33;
    hash *= 0xff51afd7ed558ccdL;
    hash ^= hash >>> 33;
    hash *= 0xc4ceb9fe1a85ec53L;
    return hash ^ (hash >>> 33);
  }
}
