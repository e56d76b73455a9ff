package io.groupguard.matching;

import io.groupguard.avro.KeywordMatch;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntPredicate;

/**
 * All keywords and allow words of many owners (rules) in one automaton over normalized chars.
 * Owners are small ints chosen by the caller. Immutable and thread-safe once built.
 *
 * <p>The entries (owner, keyword, allow word or not) of automaton pattern {@code p} are
 * {@code [firstEntry[p], firstEntry[p + 1])}. What verifying a hit needs is packed into one long
 * per entry, so that a hit on a {@link KeywordPattern#isPlain plain} pattern (nearly all of them)
 * costs two array reads on top of the text, not a walk through several objects per hit.
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
  private static final int MAX_LENGTH = 0xFF_FFFF;

  private final AhoCorasick automaton;
  private final int[] firstEntry;
  private final long[] entries;
  private final KeywordPattern[] patterns;
  private final TextNormalizer normalizer;

  private KeywordIndex(AhoCorasick automaton, int[] firstEntry, long[] entries, KeywordPattern[] patterns,
      TextNormalizer normalizer) {
    this.automaton = automaton;
    this.firstEntry = firstEntry;
    this.entries = entries;
    this.patterns = patterns;
    this.normalizer = normalizer;
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
   * For every owner accepted by {@code ownerApplies}, the first keyword occurrence that no
   * occurrence of one of the same owner's allow words covers. Result ordered by start.
   */
  public List<Hit> firstHits(NormalizedText text, IntPredicate ownerApplies) {
    if (entries.length == 0 || text.length() == 0) {
      return List.of();
    }
    List<Hit> keywordHits = new ArrayList<>();
    List<Hit> allowHits = new ArrayList<>(0);
    for (long occurrence : automaton.findAll(text.chars(), text.length())) {
      int patternId = AhoCorasick.patternIdOf(occurrence);
      int end = AhoCorasick.endOf(occurrence);
      for (int e = firstEntry[patternId]; e < firstEntry[patternId + 1]; e++) {
        long entry = entries[e];
        int owner = (int) (entry >> 32);
        int start = end - (int) (entry >>> 8 & MAX_LENGTH);
        if (ownerApplies.test(owner) && matches(entry, e, text, start)) {
          ((entry & ALLOW_WORD) != 0 ? allowHits : keywordHits).add(new Hit(owner, patterns[e], start, end));
        }
      }
    }
    if (keywordHits.isEmpty()) {
      return List.of();
    }
    keywordHits.sort((a, b) -> a.start != b.start ? Integer.compare(a.start, b.start) : Integer.compare(b.end, a.end));
    List<Hit> firstPerOwner = new ArrayList<>();
    for (Hit hit : keywordHits) {
      if (!containsOwner(firstPerOwner, hit.owner) && !isAllowed(hit, allowHits)) {
        firstPerOwner.add(hit);
      }
    }
    return firstPerOwner;
  }

  private boolean matches(long entry, int index, NormalizedText text, int start) {
    if ((entry & PLAIN) == 0) {
      return patterns[index].matchesAt(text, start);
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
  private static boolean containsOwner(List<Hit> hits, int owner) {
    for (Hit hit : hits) {
      if (hit.owner == owner) {
        return true;
      }
    }
    return false;
  }

  private static boolean isAllowed(Hit hit, List<Hit> allowHits) {
    for (Hit allow : allowHits) {
      if (allow.owner == hit.owner && allow.start <= hit.start && hit.end <= allow.end) {
        return true;
      }
    }
    return false;
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
      int[] firstEntry = new int[entries.size() + 1];
      for (int id = 0; id < entries.size(); id++) {
        firstEntry[id + 1] = firstEntry[id] + entries.get(id).size();
      }
      long[] packed = new long[firstEntry[entries.size()]];
      KeywordPattern[] patterns = new KeywordPattern[packed.length];
      int e = 0;
      for (List<Entry> ofPattern : entries) {
        for (Entry entry : ofPattern) {
          packed[e] = pack(entry.owner, entry.pattern, entry.allowWord);
          patterns[e++] = entry.pattern;
        }
      }
      return new KeywordIndex(automaton.build(), firstEntry, packed, patterns, normalizer);
    }
  }
}
