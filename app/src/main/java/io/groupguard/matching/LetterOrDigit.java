package io.groupguard.matching;

import com.google.re2j.Matcher;
import com.google.re2j.Pattern;
import java.util.Arrays;

/**
 * Whether a code point is a letter or digit exactly as RE2/J's {@code [\p{L}\p{N}]} sees it.
 *
 * <p>RE2/J ships older Unicode tables than the JDK (about 31,000 code points differ), and links
 * found must not depend on which of the two answers, so the ranges are read once from RE2/J itself
 * by scanning a string of every code point (about 0.1-0.3 s, on first use).
 */
final class LetterOrDigit {

  private LetterOrDigit() {
  }

  static boolean test(int codePoint) {
    if (codePoint < 0x80) {
      return (codePoint >= 'a' && codePoint <= 'z') || (codePoint >= 'A' && codePoint <= 'Z')
          || (codePoint >= '0' && codePoint <= '9');
    }
    return Ranges.contains(codePoint);
  }

  /** Sorted, disjoint [first, last] ranges; loaded lazily by the holder idiom. */
  private static final class Ranges {
    private static final int[] FIRSTS;
    private static final int[] LASTS;

    static {
      StringBuilder everyCodePoint = new StringBuilder(2 * Character.MAX_CODE_POINT);
      for (int cp = 0; cp <= Character.MAX_CODE_POINT; cp++) {
        if (Character.getType(cp) != Character.SURROGATE) {
          everyCodePoint.appendCodePoint(cp);
        }
      }
      String all = everyCodePoint.toString();
      int[] firsts = new int[1024];
      int[] lasts = new int[1024];
      int count = 0;
      Matcher runs = Pattern.compile("[\\p{L}\\p{N}]+").matcher(all);
      while (runs.find()) {
        if (count == firsts.length) {
          firsts = Arrays.copyOf(firsts, 2 * count);
          lasts = Arrays.copyOf(lasts, 2 * count);
        }
        firsts[count] = all.codePointAt(runs.start());
        lasts[count] = all.codePointBefore(runs.end());
        count++;
      }
      FIRSTS = Arrays.copyOf(firsts, count);
      LASTS = Arrays.copyOf(lasts, count);
    }

    static boolean contains(int codePoint) {
      int index = Arrays.binarySearch(FIRSTS, codePoint);
      int range = index >= 0 ? index : -index - 2;
      return range >= 0 && codePoint <= LASTS[range];
    }
  }
}
