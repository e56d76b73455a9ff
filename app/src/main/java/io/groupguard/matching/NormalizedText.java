package io.groupguard.matching;

/**
 * A text after {@link TextNormalizer}: folded word chars only, runs of a repeated char squeezed to
 * one char that remembers its repeat count, each char remembering its span in the original text
 * and whether a word boundary lies before it. Immutable.
 */
public final class NormalizedText {

  /** No gap before the char: it continues the same word. */
  static final byte NO_BOUNDARY = 0;
  /**
   * A gap that disguise could have inserted (punctuation, emoji, spaces between single letters or
   * around unspaced-script chars): a word may start or end here, and a match may span it.
   */
  static final byte SOFT_BOUNDARY = 1;
  /** Whitespace between two real words: a match spans it only where the keyword has a gap too. */
  static final byte HARD_BOUNDARY = 2;

  private static final int BOUNDARY_MASK = 0x03;
  private static final int UNSPACED_BIT = 0x04;
  private static final int MAX_RUN = 127;

  private final String original;
  private final char[] chars;
  private final int[] originalStarts;
  private final int[] originalEnds;
  private final byte[] runLengths;
  private final byte[] flags;
  private final int length;

  NormalizedText(String original, char[] chars, int[] originalStarts, int[] originalEnds, byte[] runLengths,
      byte[] flags, int length) {
    this.original = original;
    this.chars = chars;
    this.originalStarts = originalStarts;
    this.originalEnds = originalEnds;
    this.runLengths = runLengths;
    this.flags = flags;
    this.length = length;
  }

  static byte flags(byte boundary, boolean unspaced) {
    return (byte) (boundary | (unspaced ? UNSPACED_BIT : 0));
  }

  static int saturatedRun(int run) {
    return Math.min(run, MAX_RUN);
  }

  public String original() {
    return original;
  }

  public int length() {
    return length;
  }

  public char charAt(int index) {
    return chars[index];
  }

  /** The normalized chars as a string (word chars only, no spaces or punctuation). */
  @Override
  public String toString() {
    return new String(chars, 0, length);
  }

  /** The backing chars; read-only, valid up to {@link #length()}. */
  char[] chars() {
    return chars;
  }

  /** Start (inclusive, UTF-16) in the original text of the chars that folded to this char. */
  public int originalStart(int index) {
    return originalStarts[index];
  }

  /** End (exclusive, UTF-16) in the original text of the chars that folded to this char. */
  public int originalEnd(int index) {
    return originalEnds[index];
  }

  /** How many times the char was repeated in a row before squeezing (saturates at 127). */
  public int runLength(int index) {
    return runLengths[index];
  }

  byte boundaryBefore(int index) {
    return (byte) (flags[index] & BOUNDARY_MASK);
  }

  boolean isUnspaced(int index) {
    return (flags[index] & UNSPACED_BIT) != 0;
  }

  /** Whether a word may start at {@code index}: text start, a gap, or a change between spaced and unspaced script. */
  boolean isWordStart(int index) {
    return index == 0 || index >= length || boundaryBefore(index) != NO_BOUNDARY
        || isUnspaced(index - 1) != isUnspaced(index);
  }

  /** Whether a word may end just before {@code endExclusive}. */
  boolean isWordEnd(int endExclusive) {
    return endExclusive >= length || isWordStart(endExclusive);
  }

  /** The original text covered by normalized chars [start, endExclusive). */
  public String originalSlice(int start, int endExclusive) {
    return original.substring(originalStarts[start], originalEnds[endExclusive - 1]);
  }
}
