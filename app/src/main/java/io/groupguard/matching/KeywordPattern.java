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

  /** Whether normalized chars [start, start + length()) of {@code text} are an occurrence. */
  public boolean matchesAt(NormalizedText text, int start) {
    int last = chars.length - 1;
    if (start < 0 || start + chars.length > text.length()) {
      return false;
    }
    for (int k = 0; k <= last; k++) {
      if (text.charAt(start + k) != chars[k]) {
        return false;
      }
      if (k > 0 && text.boundaryBefore(start + k) == NormalizedText.HARD_BOUNDARY && !gapBefore[k]) {
        return false;
      }
      boolean edge = k == 0 || k == last;
      if (!edge && !fits(runLengths[k], text.runLength(start + k))) {
        return false;
      }
      if (edge && text.runLength(start + k) < runLengths[k]) {
        return false;
      }
    }
    boolean startsClean = fits(runLengths[0], text.runLength(start));
    boolean endsClean = fits(runLengths[last], text.runLength(start + last));
    boolean needsWordStart = mode == KeywordMatch.WORD || mode == KeywordMatch.PREFIX;
    boolean needsWordEnd = mode == KeywordMatch.WORD || mode == KeywordMatch.SUFFIX;
    if (needsWordStart && !(startsClean && text.isWordStart(start))) {
      return false;
    }
    return !needsWordEnd || endsClean && text.isWordEnd(start + chars.length);
  }

  private static boolean fits(int keywordRun, int textRun) {
    return textRun == keywordRun || textRun >= 3 && textRun >= keywordRun;
  }
}
