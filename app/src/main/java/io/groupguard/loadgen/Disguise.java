package io.groupguard.loadgen;

import java.util.SplittableRandom;

/** How spammers hide a keyword from naive matching; GroupGuard is meant to see through each. */
public enum Disguise {
  NONE,
  /** Full-width forms (ｓｐａｍ). */
  FULL_WIDTH,
  /** Cyrillic look-alikes for Latin letters (sраm with Cyrillic р and а). */
  CYRILLIC,
  /** Zero-width spaces between the characters. */
  ZERO_WIDTH,
  /** Dots, dashes or spaces between the characters (s.p.a.m). */
  SEPARATORS,
  /** Digits and symbols for letters (5p4m). */
  LEETSPEAK;

  private static final String LATIN = "aceopxyi";
  private static final String CYRILLIC_LOOKALIKES = "асеорхуі";
  private static final String LEET_FROM = "aeiost";
  private static final String LEET_TO = "431057";
  private static final String[] SEPARATOR_CHOICES = {".", "-", " ", "*"};

  public static Disguise random(SplittableRandom random) {
    Disguise[] all = values();
    return all[random.nextInt(all.length)];
  }

  /** The keyword disguised; Latin-only disguises leave Chinese text to zero-width characters instead. */
  public String apply(String keyword, SplittableRandom random) {
    boolean latin = Vocabulary.isLatin(keyword);
    return switch (this) {
      case NONE -> keyword;
      case FULL_WIDTH -> map(keyword, c -> c >= '!' && c <= '~' ? (char) (c - '!' + '！') : c);
      case CYRILLIC -> latin ? map(keyword, c -> swap(c, LATIN, CYRILLIC_LOOKALIKES)) : ZERO_WIDTH.apply(keyword, random);
      case ZERO_WIDTH -> interleave(keyword, "\u200B");
      case SEPARATORS -> interleave(keyword, SEPARATOR_CHOICES[random.nextInt(SEPARATOR_CHOICES.length)]);
      case LEETSPEAK -> latin ? map(keyword, c -> swap(c, LEET_FROM, LEET_TO)) : ZERO_WIDTH.apply(keyword, random);
    };
  }

  private static char swap(char c, String from, String to) {
    int index = from.indexOf(c);
    return index < 0 ? c : to.charAt(index);
  }

  private interface CharMapping {
    char map(char c);
  }

  private static String map(String text, CharMapping mapping) {
    char[] chars = text.toCharArray();
    for (int i = 0; i < chars.length; i++) {
      chars[i] = mapping.map(chars[i]);
    }
    return new String(chars);
  }

  private static String interleave(String text, String separator) {
    return String.join(separator, text.split(""));
  }
}
