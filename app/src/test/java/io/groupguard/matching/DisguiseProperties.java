package io.groupguard.matching;

import static org.assertj.core.api.Assertions.assertThat;

import io.groupguard.avro.KeywordMatch;
import java.util.List;
import java.util.Map;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * A keyword disguised by any mix of the transformations the normalizer undoes, embedded in random
 * surrounding text, is still found; a short Latin keyword inside a longer word is not.
 */
class DisguiseProperties {

  private static final Map<Character, String> LOOK_ALIKES = Map.of(
      'a', "аα", 'c', "с", 'e', "е", 'o', "οо", 'p', "рρ", 'x', "х", 'y', "у", 'i', "іι", 'v', "ν", 'k', "κк");
  private static final Map<Character, Character> LEET = Map.of('a', '4', 'e', '3', 'o', '0', 's', '5', 't', '7', 'i', '1');
  private static final String[] SEPARATORS = {".", "-", "_", "*", "·", "🤬", "😀", "/", "~", "…"};
  private static final String[] INVISIBLE = {"\u200B", "\u200C", "\u200D", "\u2060", "\uFEFF"};
  private static final String[] SURROUNDING = {"hello", "we", "meet", "tomorrow", "ok", "你好", "明天见", "价格", "thanks", "群里"};
  private static final String[] TRADITIONAL = {"发發", "财財", "会會", "国國", "体體", "验驗", "开開", "说說", "书書", "马馬", "门門", "东東", "车車", "长長", "鸟鳥"};

  private final TextNormalizer normalizer = TextNormalizer.get();

  private boolean found(String keyword, String text) {
    KeywordIndex.Builder builder = KeywordIndex.builder();
    builder.addKeyword(0, keyword, KeywordMatch.AUTO);
    return !builder.build().firstHits(normalizer.normalize(text), owner -> true).isEmpty();
  }

  @Property(tries = 300)
  void disguisedLatinKeywordIsFound(@ForAll("latinKeywords") String keyword, @ForAll("seeds") long seed) {
    Random random = new Random(seed);
    String text = surround(disguiseLatin(keyword, random), random);
    assertThat(found(keyword, text)).as("'%s' in '%s'", keyword, text).isTrue();
  }

  @Property(tries = 200)
  void disguisedChineseKeywordIsFound(@ForAll("chineseKeywords") String keyword, @ForAll("seeds") long seed) {
    Random random = new Random(seed);
    StringBuilder disguised = new StringBuilder();
    for (int k = 0; k < keyword.length(); k++) {
      String chars = pairOf(keyword.charAt(k));
      char c = random.nextBoolean() ? chars.charAt(1) : chars.charAt(0); // traditional or simplified
      disguised.append(String.valueOf(c).repeat(random.nextInt(4) == 0 ? 3 + random.nextInt(3) : 1));
      if (k < keyword.length() - 1) {
        disguised.append(gap(random, true));
      }
    }
    String text = surround(disguised.toString(), random);
    assertThat(found(keyword, text)).as("'%s' in '%s'", keyword, text).isTrue();
  }

  @Property(tries = 200)
  void disguisedDigitKeywordIsFound(@ForAll("digitKeywords") String keyword, @ForAll("seeds") long seed) {
    Random random = new Random(seed);
    StringBuilder disguised = new StringBuilder();
    for (int k = 0; k < keyword.length(); k++) {
      int digit = keyword.charAt(k) - '0';
      disguised.appendCodePoint(switch (random.nextInt(5)) {
        case 0 -> '0' + digit;
        case 1 -> 0xFF10 + digit; // full width
        case 2 -> 0x0660 + digit; // Arabic-Indic
        case 3 -> 0x0966 + digit; // Devanagari
        default -> digit == 0 ? 0x24EA : 0x2460 + digit - 1; // circled
      });
      if (k < keyword.length() - 1 && random.nextInt(3) == 0) {
        disguised.append(INVISIBLE[random.nextInt(INVISIBLE.length)]);
      }
    }
    String text = surround(disguised.toString(), random);
    assertThat(found(keyword, text)).as("'%s' in '%s'", keyword, text).isTrue();
  }

  @Property(tries = 300)
  void shortLatinKeywordInsideALongerWordIsNotFound(@ForAll("latinKeywords") String keyword, @ForAll("seeds") long seed) {
    Random random = new Random(seed);
    String prefix = innocentLetters(random, keyword.charAt(0));
    String suffix = innocentLetters(random, keyword.charAt(keyword.length() - 1));
    if (prefix.isEmpty() && suffix.isEmpty()) {
      prefix = "q".equals(keyword.substring(0, 1)) ? "z" : "q";
    }
    // Frame words are shorter than any generated keyword, so only the longer word can contain it
    // ("we saw ... today" failed for the keyword "saw", found in the frame).
    String text = "so we " + prefix + keyword + suffix + " ok";
    assertThat(found(keyword, text)).as("'%s' in '%s'", keyword, text).isFalse();
  }

  /**
   * Disguises run by run (a run is a letter repeated in the keyword): a run may be stretched to 3+
   * letters (a doubled letter is a different word, see KeywordPattern); gaps go between runs, or,
   * spaced out, between every single letter (whitespace only separates single letters).
   */
  private static String disguiseLatin(String keyword, Random random) {
    boolean spacedOut = random.nextInt(5) == 0;
    StringBuilder disguised = new StringBuilder();
    int k = 0;
    while (k < keyword.length()) {
      char c = keyword.charAt(k);
      int run = 1;
      while (k + run < keyword.length() && keyword.charAt(k + run) == c) {
        run++;
      }
      int letters = random.nextInt(5) == 0 ? Math.max(3, run) + random.nextInt(3) : run;
      for (int i = 0; i < letters; i++) {
        disguised.append(disguiseLetter(c, k == 0 && i == 0, random));
        if (spacedOut && (i < letters - 1 || k + run < keyword.length())) {
          disguised.append(' ');
        }
      }
      k += run;
      if (!spacedOut && k < keyword.length()) {
        disguised.append(gap(random, false));
      }
    }
    return disguised.toString();
  }

  private static String disguiseLetter(char c, boolean keepLatin, Random random) {
    return switch (random.nextInt(keepLatin ? 3 : 5)) {
      case 0 -> String.valueOf(c);
      case 1 -> String.valueOf(Character.toUpperCase(c));
      case 2 -> String.valueOf((char) (c + 0xFEE0)); // full width
      case 3 -> LOOK_ALIKES.containsKey(c) ? pick(LOOK_ALIKES.get(c), random) : String.valueOf(c);
      default -> LEET.containsKey(c) ? String.valueOf(LEET.get(c)) : String.valueOf(c);
    };
  }

  private static String gap(Random random, boolean spacesAllowed) {
    return switch (random.nextInt(spacesAllowed ? 4 : 3)) {
      case 0 -> "";
      case 1 -> SEPARATORS[random.nextInt(SEPARATORS.length)];
      case 2 -> INVISIBLE[random.nextInt(INVISIBLE.length)];
      default -> " ";
    };
  }

  private static String surround(String disguised, Random random) {
    StringBuilder text = new StringBuilder();
    int before = random.nextInt(4);
    for (int i = 0; i < before; i++) {
      text.append(SURROUNDING[random.nextInt(SURROUNDING.length)]).append(' ');
    }
    text.append(disguised);
    int after = random.nextInt(4);
    for (int i = 0; i < after; i++) {
      text.append(' ').append(SURROUNDING[random.nextInt(SURROUNDING.length)]);
    }
    return text.toString();
  }

  /** Up to 4 random letters, never one that folds together with the neighbouring keyword letter. */
  private static String innocentLetters(Random random, char neighbour) {
    StringBuilder letters = new StringBuilder();
    int count = random.nextInt(5);
    while (letters.length() < count) {
      char c = (char) ('a' + random.nextInt(26));
      if (c != neighbour && c != 'i' && c != 'l') {
        letters.append(c);
      }
    }
    return letters.toString();
  }

  private static String pick(String options, Random random) {
    int index = random.nextInt(options.codePointCount(0, options.length()));
    return new String(Character.toChars(options.codePointAt(options.offsetByCodePoints(0, index))));
  }

  private static String pairOf(char simplified) {
    for (String pair : TRADITIONAL) {
      if (pair.charAt(0) == simplified) {
        return pair;
      }
    }
    throw new IllegalArgumentException("no pair for " + simplified);
  }

  @Provide
  Arbitrary<String> latinKeywords() {
    return Arbitraries.strings().withCharRange('a', 'z').ofMinLength(3).ofMaxLength(8);
  }

  @Provide
  Arbitrary<String> chineseKeywords() {
    return Arbitraries.of(List.of(TRADITIONAL)).map(pair -> pair.charAt(0)).list().ofMinSize(2).ofMaxSize(4)
        .map(chars -> chars.stream().map(String::valueOf).reduce("", String::concat));
  }

  @Provide
  Arbitrary<String> digitKeywords() {
    return Combinators.combine(Arbitraries.strings().withCharRange('1', '9').ofLength(1),
        Arbitraries.strings().numeric().ofMinLength(2).ofMaxLength(5)).as(String::concat);
  }

  @Provide
  Arbitrary<Long> seeds() {
    return Arbitraries.longs();
  }
}
