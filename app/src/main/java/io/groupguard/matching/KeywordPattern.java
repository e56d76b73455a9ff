package io.groupguard.matching;

import io.groupguard.avro.KeywordMatch;

/**
 * A keyword or allow word after normalization, and the test whether an automaton hit of its
 * chars is a real occurrence in a message.
 *
 * <p>Repeat counts: a run in the text fits a run of the keyword when the counts are equal or the
 * text repeats the char at least three times (and at least as often as the keyword): a doubled
 * letter can be a different word ({@code as}/{@code ass}, {@code to}/{@code too}) while three or
 * more is stretching ({@code fuuuck}). At the edges of a match the text run may be longer than
 * the keyword's: the match then starts or ends inside a run, which is fine for substrings but is
 * no word edge.
 */
public final class KeywordPattern {

  private final String source;
  private final char[] chars;
  private final byte[] runLengths;
  private final boolean[] gapBefore;
  private final KeywordMatch mode;

  private KeywordPattern(String source, NormalizedText normalized, KeywordMatch mode) {
    this.source = source;
    int length = normalized.length();
    this.chars = new char[length];
    this.runLengths = new byte[length];
    this.gapBefore = new boolean[length];
    boolean unspaced = false;
    for (int i = 0; i < length; i++) {
      chars[i] = normalized.charAt(i);
      runLengths[i] = (byte) normalized.runLength(i);
      gapBefore[i] = i > 0 && normalized.boundaryBefore(i) != NormalizedText.NO_BOUNDARY;
      unspaced |= normalized.isUnspaced(i);
    }
    this.mode = mode == null || mode == KeywordMatch.AUTO
        ? (unspaced ? KeywordMatch.SUBSTRING : KeywordMatch.WORD)
        : mode;
  }

  /**
   * Normalizes {@code text} with {@code normalizer}. AUTO becomes WORD for spaced scripts and
   * SUBSTRING when the keyword holds an unspaced-script (e.g. Chinese) char.
   */
  public static KeywordPattern of(String text, KeywordMatch mode, TextNormalizer normalizer) {
    return new KeywordPattern(text, normalizer.normalize(text), mode);
  }

  /** The keyword as written in the rule. */
  public String source() {
    return source;
  }

  /** The resolved mode: never AUTO. */
  public KeywordMatch mode() {
    return mode;
  }

  /** Whether nothing is left after normalization (e.g. a keyword of punctuation only). */
  public boolean isEmpty() {
    return chars.length == 0;
  }

  char[] chars() {
    return chars.clone();
  }

  public int length() {
    return chars.length;
  }

  /** Whether a WORD or PREFIX match must start at a word start. */
  boolean needsWordStart() {
    return mode == KeywordMatch.WORD || mode == KeywordMatch.PREFIX;
  }

  /** Whether a WORD or SUFFIX match must end at a word end. */
  boolean needsWordEnd() {
    return mode == KeywordMatch.WORD || mode == KeywordMatch.SUFFIX;
  }

  /**
   * Whether every char is single (no repeat) and no char has a gap before it: then an occurrence
   * depends only on the text, the length and the mode, see {@link #plainMatchesAt}.
   */
  boolean isPlain() {
    for (int k = 0; k < chars.length; k++) {
      if (runLengths[k] != 1 || gapBefore[k]) {
        return false;
      }
    }
    return true;
  }

  /** Whether normalized chars [start, start + length()) of {@code text} are an occurrence. */
  public boolean matchesAt(NormalizedText text, int start) {
    if (start < 0 || start + chars.length > text.length()) {
      return false;
    }
    for (int k = 0; k < chars.length; k++) {
      if (text.charAt(start + k) != chars[k]) {
        return false;
      }
    }
    return hitMatchesAt(text, start);
  }

  /** {@link #matchesAt} when the caller has already found the chars at {@code start} (an automaton hit). */
  boolean hitMatchesAt(NormalizedText text, int start) {
    return fitsAt(text, start, chars.length, runLengths, gapBefore, needsWordStart(), needsWordEnd());
  }

  /**
   * {@link #matchesAt} of a {@link #isPlain plain} pattern of {@code length} chars whose chars
   * the caller has already found at {@code start} (an automaton hit), without reading the pattern.
   */
  static boolean plainMatchesAt(NormalizedText text, int start, int length, boolean wordStart, boolean wordEnd) {
    return fitsAt(text, start, length, null, null, wordStart, wordEnd);
  }

  /**
   * Repeat counts, gaps and word edges of an occurrence of equal chars at {@code start}; null
   * {@code runLengths} mean all runs are single, null {@code gapBefore} that the pattern has no gaps.
   */
  private static boolean fitsAt(NormalizedText text, int start, int length, byte[] runLengths, boolean[] gapBefore,
      boolean wordStart, boolean wordEnd) {
    int last = length - 1;
    for (int k = 0; k <= last; k++) {
      if (k > 0 && text.boundaryBefore(start + k) == NormalizedText.HARD_BOUNDARY
          && (gapBefore == null || !gapBefore[k])) {
        return false;
      }
      int keywordRun = runOf(runLengths, k);
      int textRun = text.runLength(start + k);
      boolean edge = k == 0 || k == last;
      if (edge ? textRun < keywordRun : !fits(keywordRun, textRun)) {
        return false;
      }
    }
    if (wordStart && !(fits(runOf(runLengths, 0), text.runLength(start)) && text.isWordStart(start))) {
      return false;
    }
    return !wordEnd || fits(runOf(runLengths, last), text.runLength(start + last))
        && text.isWordEnd(start + length);
  }

  private static int runOf(byte[] runLengths, int k) {
    return runLengths == null ? 1 : runLengths[k];
  }

  private static boolean fits(int keywordRun, int textRun) {
    return textRun == keywordRun || textRun >= 3 && textRun >= keywordRun;
  }
}
