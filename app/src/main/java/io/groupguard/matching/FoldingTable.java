package io.groupguard.matching;

import com.ibm.icu.lang.UCharacter;
import com.ibm.icu.lang.UCharacterCategory;
import com.ibm.icu.lang.UScript;
import com.ibm.icu.text.Normalizer2;
import com.ibm.icu.text.SpoofChecker;
import com.ibm.icu.text.Transliterator;
import java.util.HashMap;
import java.util.Map;

/**
 * Per-code-point folding, computed once for the BMP and the supplementary multilingual plane so
 * that normalizing a message is a table lookup per char (ICU is only used here, at startup).
 *
 * <p>For a word character the folded form is: NFKC case folding (width, circled and styled
 * letters, case, default-ignorables removed), then traditional to simplified Chinese, then the
 * UTS #39 confusable skeleton (Cyrillic/Greek/... look-alikes to Latin) for spaced scripts,
 * then combining marks stripped (accents as disguise), then {@code l} merged into {@code i}
 * (the skeleton maps {@code I|1} to {@code l}; leetspeak uses {@code 1} for both {@code i} and
 * {@code l}). Decimal digits of every script fold to ASCII digits and are not skeletonized, so
 * numbers stay numbers; turning digits into letters (leetspeak) depends on context and is done
 * by {@link TextNormalizer}.
 */
final class FoldingTable {

  static final byte IGNORABLE = 0;
  static final byte SPACE = 1;
  static final byte PUNCT = 2;
  static final byte LETTER = 3;
  static final byte DIGIT = 4;
  /** {@code @} and {@code $}: letters inside Latin words (leetspeak), punctuation elsewhere. */
  static final byte LEET_SYMBOL = 5;

  private static final int KIND_MASK = 0x07;
  private static final int UNSPACED_BIT = 0x08;
  private static final int LATIN_BIT = 0x10;
  /** The code point folds to more than one char (or to a supplementary code point). */
  private static final int EXPANDS_BIT = 0x20;

  private static final int PLANES = 2; // BMP and SMP are tabulated; higher planes by range
  private static final FoldingTable INSTANCE = new FoldingTable();

  /**
   * Per code point: attribute bits (kind, unspaced, Latin, expands) above {@link #ATTRIBUTE_SHIFT},
   * the single folded char below, so that normalizing reads one table entry per char.
   */
  private final int[] entries = new int[PLANES * 0x10000];
  private static final int ATTRIBUTE_SHIFT = 16;
  private final Map<Integer, char[]> expansions = new HashMap<>();

  static FoldingTable get() {
    return INSTANCE;
  }

  private FoldingTable() {
    Normalizer2 nfkcCasefold = Normalizer2.getNFKCCasefoldInstance();
    Normalizer2 nfd = Normalizer2.getNFDInstance();
    SpoofChecker spoofChecker = new SpoofChecker.Builder().build();
    Transliterator traditionalToSimplified = Transliterator.getInstance("Traditional-Simplified");
    for (int cp = 0; cp < PLANES * 0x10000; cp++) {
      if (cp >= Character.MIN_SURROGATE && cp <= Character.MAX_SURROGATE) {
        entries[cp] = PUNCT << ATTRIBUTE_SHIFT; // a lone surrogate; pairs are decoded before lookup
        continue;
      }
      String folded = nfkcCasefold.normalize(new String(Character.toChars(cp)));
      byte kind = kindOf(cp, folded);
      if (kind == DIGIT) {
        folded = asciiDigits(cp, folded);
      } else if (kind == LETTER) {
        folded = foldLetter(cp, folded, spoofChecker, traditionalToSimplified, nfkcCasefold, nfd);
        if (folded.isEmpty()) {
          kind = IGNORABLE;
        }
      } else if (kind == LEET_SYMBOL) {
        folded = String.valueOf((char) cp);
      }
      store(cp, kind, folded);
    }
  }

  private static byte kindOf(int cp, String folded) {
    if (cp == '@' || cp == '$') {
      return LEET_SYMBOL;
    }
    if (UCharacter.isUWhiteSpace(cp) || Character.isWhitespace(cp)) {
      return SPACE;
    }
    if (folded.isEmpty()) {
      return IGNORABLE; // zero-width and other default-ignorable code points
    }
    int type = UCharacter.getType(cp);
    if (type == UCharacterCategory.NON_SPACING_MARK || type == UCharacterCategory.ENCLOSING_MARK) {
      return IGNORABLE; // stray combining marks ("zalgo" text)
    }
    if (type == UCharacterCategory.DECIMAL_DIGIT_NUMBER || isAllDigits(folded)) {
      return DIGIT;
    }
    boolean letterLike = UCharacter.isLetter(cp) || type == UCharacterCategory.COMBINING_SPACING_MARK
        || type == UCharacterCategory.LETTER_NUMBER || type == UCharacterCategory.OTHER_NUMBER
        || isEnclosedAlphanumeric(cp);
    return letterLike && containsLetterOrDigit(folded) ? LETTER : PUNCT;
  }

  private static String asciiDigits(int cp, String folded) {
    int digit = UCharacter.digit(cp, 10);
    if (digit >= 0 && Character.charCount(cp) == folded.length()) {
      return String.valueOf((char) ('0' + digit));
    }
    StringBuilder ascii = new StringBuilder();
    folded.codePoints().map(c -> UCharacter.digit(c, 10)).filter(d -> d >= 0)
        .forEach(d -> ascii.append((char) ('0' + d)));
    return ascii.toString(); // e.g. circled ten -> "10"
  }

  private static String foldLetter(int cp, String folded, SpoofChecker spoofChecker,
      Transliterator traditionalToSimplified, Normalizer2 nfkcCasefold, Normalizer2 nfd) {
    String result = folded;
    if (isUnspacedScript(result.codePointAt(0))) {
      if (UScript.getScript(result.codePointAt(0)) == UScript.HAN) {
        result = traditionalToSimplified.transliterate(result);
      }
    } else {
      result = skeleton(cp, result, spoofChecker, nfkcCasefold);
    }
    StringBuilder kept = new StringBuilder(result.length());
    nfd.normalize(result).codePoints()
        .filter(c -> UCharacter.getType(c) != UCharacterCategory.NON_SPACING_MARK)
        .filter(c -> UCharacter.isLetterOrDigit(c) || UCharacter.getType(c) == UCharacterCategory.COMBINING_SPACING_MARK)
        .map(c -> c == 'l' ? 'i' : c)
        .forEach(kept::appendCodePoint);
    return kept.toString();
  }

  /**
   * The skeleton of whichever case form lands on ASCII letters: matching is case-insensitive, so
   * Greek kappa and Cyrillic te count as k and t because their capitals look like K and T.
   */
  private static String skeleton(int cp, String casefolded, SpoofChecker spoofChecker, Normalizer2 nfkcCasefold) {
    String chosen = nfkcCasefold.normalize(spoofChecker.getSkeleton(casefolded));
    for (int variant : new int[] {cp, UCharacter.toUpperCase(cp)}) {
      if (isAsciiLetters(chosen)) {
        break;
      }
      String candidate = nfkcCasefold.normalize(spoofChecker.getSkeleton(new String(Character.toChars(variant))));
      if (isAsciiLetters(candidate)) {
        chosen = candidate;
      }
    }
    // The skeleton of m is "rn"; keep it one letter so keywords and spans stay simple.
    return chosen.equals("rn") ? "m" : chosen;
  }

  private void store(int cp, byte kind, String folded) {
    int attribute = kind;
    char singleFold = 0;
    if (kind == LETTER || kind == DIGIT) {
      int first = folded.codePointAt(0);
      if (isUnspacedScript(first)) {
        attribute |= UNSPACED_BIT;
      } else if (UScript.getScript(first) == UScript.LATIN) {
        attribute |= LATIN_BIT;
      }
      if (folded.length() == 1) {
        singleFold = folded.charAt(0);
      } else {
        attribute |= EXPANDS_BIT;
        expansions.put(cp, folded.toCharArray());
      }
    } else if (kind == LEET_SYMBOL) {
      singleFold = folded.charAt(0);
    }
    entries[cp] = attribute << ATTRIBUTE_SHIFT | singleFold;
  }

  /** Scripts written without spaces between words: keywords in them match as substrings. */
  static boolean isUnspacedScript(int cp) {
    if (cp >= 0x2E80 && cp <= 0x9FFF || cp >= 0xF900 && cp <= 0xFAFF || cp >= 0x20000 && cp <= 0x3FFFF) {
      return true; // CJK radicals, kana, Bopomofo, CJK ideographs and their extensions
    }
    int script = UScript.getScript(cp);
    return script == UScript.HAN || script == UScript.HIRAGANA || script == UScript.KATAKANA
        || script == UScript.THAI || script == UScript.LAO || script == UScript.KHMER
        || script == UScript.MYANMAR || script == UScript.TIBETAN;
  }

  /** The folding entry of {@code cp}: read it with {@link #kind}, {@link #singleFold} and the other static accessors. */
  int entry(int cp) {
    if (cp < entries.length) {
      return entries[cp];
    }
    if (cp <= 0x3FFFF) {
      return (LETTER | UNSPACED_BIT | EXPANDS_BIT) << ATTRIBUTE_SHIFT; // CJK extension planes: kept as they are
    }
    if (cp >= 0xE0000 && cp <= 0xE0FFF) {
      return IGNORABLE << ATTRIBUTE_SHIFT; // tags (emoji flag sequences) and variation selectors supplement
    }
    return PUNCT << ATTRIBUTE_SHIFT;
  }

  static byte kind(int entry) {
    return (byte) (entry >>> ATTRIBUTE_SHIFT & KIND_MASK);
  }

  static boolean isUnspaced(int entry) {
    return (entry >>> ATTRIBUTE_SHIFT & UNSPACED_BIT) != 0;
  }

  static boolean isLatin(int entry) {
    return (entry >>> ATTRIBUTE_SHIFT & LATIN_BIT) != 0;
  }

  static boolean expands(int entry) {
    return (entry >>> ATTRIBUTE_SHIFT & EXPANDS_BIT) != 0;
  }

  /** The folded char of an entry that does not {@link #expands expand}. */
  static char singleFold(int entry) {
    return (char) entry;
  }

  /** The folded chars of a code point whose attributes {@link #expands expand}. */
  char[] expansion(int cp) {
    char[] folded = expansions.get(cp);
    return folded != null ? folded : Character.toChars(cp);
  }

  /**
   * Folds the letters of {@code text} (width, case, look-alikes) and keeps every other char as
   * it is; used on host names, where digits are digits and dots and hyphens matter.
   */
  String foldLetters(CharSequence text) {
    StringBuilder folded = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); ) {
      int cp = Character.codePointAt(text, i);
      int entry = entry(cp);
      if (kind(entry) != LETTER) {
        folded.appendCodePoint(cp);
      } else if (expands(entry)) {
        folded.append(expansion(cp));
      } else {
        folded.append(singleFold(entry));
      }
      i += Character.charCount(cp);
    }
    return folded.toString();
  }

  /** Circled, parenthesized and squared letters are symbols to Unicode but letters to a reader. */
  private static boolean isEnclosedAlphanumeric(int cp) {
    return cp >= 0x2460 && cp <= 0x24FF || cp >= 0x3200 && cp <= 0x32FF || cp >= 0x1F100 && cp <= 0x1F1FF;
  }

  private static boolean isAllDigits(String s) {
    return !s.isEmpty() && s.codePoints().allMatch(c -> UCharacter.digit(c, 10) >= 0);
  }

  private static boolean containsLetterOrDigit(String s) {
    return s.codePoints().anyMatch(UCharacter::isLetterOrDigit);
  }

  private static boolean isAsciiLetters(String s) {
    return !s.isEmpty() && s.chars().allMatch(c -> c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z');
  }
}
