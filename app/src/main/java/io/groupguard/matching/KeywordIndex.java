package io.groupguard.matching;

import io.groupguard.avro.KeywordMatch;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.IntPredicate;

/**
 * All keywords and allow words of many owners (rules) in one automaton over normalized chars.
 * Owners are small ints chosen by the caller. Immutable and thread-safe once built.
 */
public final class KeywordIndex {

  /** The first occurrence (in text order) of one of an owner's keywords; indexes are normalized. */
  public record Hit(int owner, KeywordPattern keyword, int start, int end) {
  }

  private record Entry(int owner, KeywordPattern pattern, boolean allowWord) {
  }

  private final AhoCorasick automaton;
  private final Entry[][] entriesByPattern;
  private final TextNormalizer normalizer;

  private KeywordIndex(AhoCorasick automaton, Entry[][] entriesByPattern, TextNormalizer normalizer) {
    this.automaton = automaton;
    this.entriesByPattern = entriesByPattern;
    this.normalizer = normalizer;
  }

  public static Builder builder() {
    return new Builder(TextNormalizer.get());
  }

  public TextNormalizer normalizer() {
    return normalizer;
  }

  public boolean isEmpty() {
    return entriesByPattern.length == 0;
  }

  public int patternCount() {
    return automaton.patternCount();
  }

  /**
   * For every owner accepted by {@code ownerApplies}, the first keyword occurrence that no
   * occurrence of one of the same owner's allow words covers. Result ordered by start.
   */
  public List<Hit> firstHits(NormalizedText text, IntPredicate ownerApplies) {
    if (entriesByPattern.length == 0 || text.length() == 0) {
      return List.of();
    }
    List<Hit> keywordHits = new ArrayList<>();
    List<Hit> allowHits = new ArrayList<>(0);
    for (long occurrence : automaton.findAll(text.chars(), text.length())) {
      int patternId = AhoCorasick.patternIdOf(occurrence);
      int end = AhoCorasick.endOf(occurrence);
      int start = end - automaton.patternLength(patternId);
      for (Entry entry : entriesByPattern[patternId]) {
        if (ownerApplies.test(entry.owner) && entry.pattern.matchesAt(text, start)) {
          (entry.allowWord ? allowHits : keywordHits).add(new Hit(entry.owner, entry.pattern, start, end));
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
      Entry[][] byPattern = new Entry[entries.size()][];
      Arrays.setAll(byPattern, id -> entries.get(id).toArray(new Entry[0]));
      return new KeywordIndex(automaton.build(), byPattern, normalizer);
    }
  }
}
