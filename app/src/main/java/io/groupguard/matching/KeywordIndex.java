package io.groupguard.matching;

import io.groupguard.avro.KeywordMatch;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.IntPredicate;

/**
 * All keywords and allow words of many owners (rules) in one automaton over normalized chars.
 * Owners are small ints chosen by the caller. Immutable and thread-safe once built.
 *
 * <p>Automaton pattern {@code p}'s first entry (owner, keyword, allow word or not) is entry
 * {@code p}; the rare further entries of a pattern (the same keyword in several rules) are
 * {@code [moreEntries[p], moreEntries[p + 1])}, after all first entries. What verifying a hit
 * needs is packed into one long per entry, so that a hit on a {@link KeywordPattern#isPlain
 * plain} pattern (nearly all of them) costs one array read on top of the text, not a walk
 * through several objects per hit.
 */
public final class KeywordIndex {

  /** The first occurrence (in text order) of one of an owner's keywords; indexes are normalized. */
  public record Hit(int owner, KeywordPattern keyword, int start, int end) {
  }

  // Packed entry: owner (bits 32-63), pattern length (bits 8-31), flags (bits 0-7).
  private static final int ALLOW_WORD = 0x01;
  private static final int PLAIN = 0x02;
  private static final int WORD_START = 0x04;
  private static final int WORD_END = 0x08;
  private static final int MORE_ENTRIES = 0x10;
  private static final int MAX_LENGTH = 0xFF_FFFF;

  private final AhoCorasick automaton;
  private final int[] moreEntries;
  private final long[] entries;
  private final KeywordPattern[] patterns;
  private final TextNormalizer normalizer;
  private final int maxOwner;

  private static final ThreadLocal<Scratch> SCRATCH = ThreadLocal.withInitial(Scratch::new);
  /** Buffers grown past this many hits (a huge message) are dropped after use rather than kept per thread. */
  private static final int MAX_RETAINED_HITS = 1 << 14;

  private KeywordIndex(AhoCorasick automaton, int[] moreEntries, long[] entries, KeywordPattern[] patterns,
      TextNormalizer normalizer) {
    this.automaton = automaton;
    this.moreEntries = moreEntries;
    this.entries = entries;
    this.patterns = patterns;
    this.normalizer = normalizer;
    int max = 0;
    for (long entry : entries) {
      max = Math.max(max, (int) (entry >> 32));
    }
    this.maxOwner = max;
  }

  public static Builder builder() {
    return new Builder(TextNormalizer.get());
  }

  public TextNormalizer normalizer() {
    return normalizer;
  }

  public boolean isEmpty() {
    return entries.length == 0;
  }

  public int patternCount() {
    return automaton.patternCount();
  }

  /**
   * For every owner accepted by {@code ownerApplies}, the first keyword occurrence (the earliest,
   * then the longest) that no occurrence of one of the same owner's allow words covers. Result
   * ordered by owner.
   */
  public List<Hit> firstHits(NormalizedText text, IntPredicate ownerApplies) {
    if (entries.length == 0 || text.length() == 0) {
      return List.of();
    }
    Scratch scratch = SCRATCH.get();
    try {
      scratch.reset(maxOwner);
      automaton.findAll(text.chars(), text.length(), scratch.occurrences);
      AhoCorasick.Occurrences occurrences = scratch.occurrences;
      for (int i = 0; i < occurrences.count(); i++) {
        int patternId = occurrences.patternId(i);
        int end = occurrences.end(i);
        if (collect(patternId, end, text, ownerApplies, scratch)) {
          for (int e = moreEntries[patternId]; e < moreEntries[patternId + 1]; e++) {
            collect(e, end, text, ownerApplies, scratch);
          }
        }
      }
      return scratch.firstPerOwner(this);
    } finally {
      if (scratch.occurrences.capacity() > MAX_RETAINED_HITS || scratch.candidates.size > MAX_RETAINED_HITS
          || scratch.allowed.size > MAX_RETAINED_HITS) {
        SCRATCH.remove();
      }
    }
  }

  /** Adds entry {@code e}'s occurrence ending at {@code end}, if real, to the scratch; returns whether more entries follow. */
  private boolean collect(int e, int end, NormalizedText text, IntPredicate ownerApplies, Scratch scratch) {
    long entry = entries[e];
    int owner = (int) (entry >> 32);
    int start = end - (int) (entry >>> 8 & MAX_LENGTH);
    if (ownerApplies.test(owner) && matches(entry, e, text, start)) {
      if ((entry & ALLOW_WORD) != 0) {
        scratch.allowed.add(owner, start, end);
      } else {
        scratch.candidates.add(e, start, end);
      }
    }
    return (entry & MORE_ENTRIES) != 0;
  }

  private int ownerOf(int entryIndex) {
    return (int) (entries[entryIndex] >> 32);
  }

  /**
   * Per-thread buffers of one {@link #firstHits} call, so that the hits that do not win (most of
   * them) cost no allocation: the scan's occurrences, the keyword candidates, the allow-word
   * occurrences, and the best candidate per owner (valid where its stamp is the current call's).
   */
  private static final class Scratch {
    final AhoCorasick.Occurrences occurrences = new AhoCorasick.Occurrences();
    final Spans candidates = new Spans(); // entry index, start, end
    final Spans allowed = new Spans(); // owner, start, end
    int[] bestCandidate = new int[64];
    int[] stamps = new int[64];
    int[] owners = new int[16];
    int ownerCount;
    int stamp;

    void reset(int maxOwner) {
      candidates.size = 0;
      allowed.size = 0;
      ownerCount = 0;
      if (stamps.length <= maxOwner) {
        stamps = new int[maxOwner + 1];
        bestCandidate = new int[maxOwner + 1];
        stamp = 0;
      }
      if (++stamp == 0) { // wrapped: old stamps could look current
        Arrays.fill(stamps, 0);
        stamp = 1;
      }
    }

    List<Hit> firstPerOwner(KeywordIndex index) {
      for (int c = 0; c < candidates.size; c++) {
        int owner = index.ownerOf(candidates.first(c));
        boolean hasBest = stamps[owner] == stamp;
        if (hasBest && !precedes(c, bestCandidate[owner]) || isAllowed(owner, c)) {
          continue;
        }
        if (!hasBest) {
          stamps[owner] = stamp;
          if (ownerCount == owners.length) {
            owners = Arrays.copyOf(owners, ownerCount * 2);
          }
          owners[ownerCount++] = owner;
        }
        bestCandidate[owner] = c;
      }
      if (ownerCount == 0) {
        return List.of();
      }
      Arrays.sort(owners, 0, ownerCount);
      List<Hit> hits = new ArrayList<>(ownerCount);
      for (int o = 0; o < ownerCount; o++) {
        int c = bestCandidate[owners[o]];
        hits.add(new Hit(owners[o], index.patterns[candidates.first(c)], candidates.start(c), candidates.end(c)));
      }
      return hits;
    }

    /** Earlier start first, then the longer occurrence. */
    private boolean precedes(int candidate, int other) {
      int start = candidates.start(candidate);
      int otherStart = candidates.start(other);
      return start != otherStart ? start < otherStart : candidates.end(candidate) > candidates.end(other);
    }

    private boolean isAllowed(int owner, int candidate) {
      for (int a = 0; a < allowed.size; a++) {
        if (allowed.first(a) == owner && allowed.start(a) <= candidates.start(candidate)
            && candidates.end(candidate) <= allowed.end(a)) {
          return true;
        }
      }
      return false;
    }
  }

  /** A growable list of (int, start, end) triples in one array. */
  private static final class Spans {
    int[] values = new int[48];
    int size;

    void add(int first, int start, int end) {
      if (size * 3 == values.length) {
        values = Arrays.copyOf(values, values.length * 2);
      }
      values[size * 3] = first;
      values[size * 3 + 1] = start;
      values[size * 3 + 2] = end;
      size++;
    }

    int first(int index) {
      return values[index * 3];
    }

    int start(int index) {
      return values[index * 3 + 1];
    }

    int end(int index) {
      return values[index * 3 + 2];
    }
  }

  private boolean matches(long entry, int index, NormalizedText text, int start) {
    if ((entry & PLAIN) == 0) {
      return patterns[index].hitMatchesAt(text, start);
    }
    int length = (int) (entry >>> 8 & MAX_LENGTH);
    return KeywordPattern.plainMatchesAt(text, start, length, (entry & WORD_START) != 0, (entry & WORD_END) != 0);
  }

  private static long pack(int owner, KeywordPattern pattern, boolean allowWord) {
    if (pattern.length() > MAX_LENGTH) {
      throw new IllegalArgumentException("keyword longer than " + MAX_LENGTH + " chars");
    }
    int flags = (allowWord ? ALLOW_WORD : 0) | (pattern.isPlain() ? PLAIN : 0)
        | (pattern.needsWordStart() ? WORD_START : 0) | (pattern.needsWordEnd() ? WORD_END : 0);
    return (long) owner << 32 | (long) pattern.length() << 8 | flags;
  }

  /** Not thread-safe. */
  public static final class Builder {
    private record Entry(int owner, KeywordPattern pattern, boolean allowWord) {
    }

    private final TextNormalizer normalizer;
    private final AhoCorasick.Builder automaton = AhoCorasick.builder();
    private final List<List<Entry>> entries = new ArrayList<>();

    private Builder(TextNormalizer normalizer) {
      this.normalizer = normalizer;
    }

    /** Adds a keyword; returns false when nothing of it survives normalization (it can never match). */
    public boolean addKeyword(int owner, String text, KeywordMatch mode) {
      return add(owner, KeywordPattern.of(text, mode, normalizer), false);
    }

    /** Adds an allow word, matched as a substring. */
    public boolean addAllowWord(int owner, String text) {
      return add(owner, KeywordPattern.of(text, KeywordMatch.SUBSTRING, normalizer), true);
    }

    private boolean add(int owner, KeywordPattern pattern, boolean allowWord) {
      if (owner < 0) {
        throw new IllegalArgumentException("negative owner " + owner);
      }
      if (pattern.isEmpty()) {
        return false;
      }
      int id = automaton.add(pattern.chars());
      while (entries.size() <= id) {
        entries.add(new ArrayList<>(1));
      }
      entries.get(id).add(new Entry(owner, pattern, allowWord));
      return true;
    }

    public KeywordIndex build() {
      int patternCount = entries.size();
      int[] moreEntries = new int[patternCount + 1];
      moreEntries[0] = patternCount;
      for (int id = 0; id < patternCount; id++) {
        moreEntries[id + 1] = moreEntries[id] + entries.get(id).size() - 1;
      }
      long[] packed = new long[moreEntries[patternCount]];
      KeywordPattern[] patterns = new KeywordPattern[packed.length];
      for (int id = 0; id < patternCount; id++) {
        List<Entry> ofPattern = entries.get(id);
        for (int k = 0; k < ofPattern.size(); k++) {
          int e = k == 0 ? id : moreEntries[id] + k - 1;
          Entry entry = ofPattern.get(k);
          packed[e] = pack(entry.owner, entry.pattern, entry.allowWord) | (k == 0 && ofPattern.size() > 1 ? MORE_ENTRIES : 0);
          patterns[e] = entry.pattern;
        }
      }
      return new KeywordIndex(automaton.build(), moreEntries, packed, patterns, normalizer);
    }
  }
}
