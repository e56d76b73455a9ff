package io.groupguard.matching;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TextNormalizerTest {

  private final TextNormalizer normalizer = TextNormalizer.get();

  private String normalized(String text) {
    return normalizer.normalize(text).toString();
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(delimiter = '|', value = {
      "FUCK|fuck",
      "ｆｕｃｋ|fuck",
      "ⓕⓤⓒⓚ|fuck",
      "𝐟𝐮𝐜𝐤|fuck",
      "fսсk|fuck", // Armenian u, Cyrillic es
      "f\u200Bu\u200Dck|fuck",
      "f.u.c.k|fuck",
      "f u c k|fuck",
      "fu🤬ck|fuck",
      "fuuuuuck|fuck",
      "sh1t|shit",
      "a$$|as",
      "p@ss|pas",
      "h3ll0|heio",
      "fück|fuck",
      "發財|发财",
      "２０２４|2024",
      "٣٥|35",
      "①②|12",
      "3.5|35",
      "买2送1|买2送1",
  })
  void foldsDisguisesToOneForm(String text, String expected) {
    assertThat(normalized(text)).isEqualTo(expected);
  }

  @Test
  void keepsOriginalSpanOfEveryNormalizedChar() {
    NormalizedText text = normalizer.normalize("ok f.u.c.k!");
    assertThat(text.toString()).isEqualTo("okfuck");
    assertThat(text.originalSlice(2, 6)).isEqualTo("f.u.c.k");
    assertThat(text.originalStart(0)).isZero();
  }

  @Test
  void squeezedRunRemembersCountAndWholeSpan() {
    NormalizedText text = normalizer.normalize("shiiiit");
    assertThat(text.toString()).isEqualTo("shit");
    assertThat(text.runLength(2)).isEqualTo(4);
    assertThat(text.originalSlice(2, 3)).isEqualTo("iiii");
  }

  @Test
  void whitespaceBetweenRealWordsIsHardButSpacedOutLettersAreSoft() {
    NormalizedText words = normalizer.normalize("pen is");
    assertThat(words.boundaryBefore(3)).isEqualTo(NormalizedText.HARD_BOUNDARY);
    NormalizedText spaced = normalizer.normalize("p e n");
    assertThat(spaced.boundaryBefore(1)).isEqualTo(NormalizedText.SOFT_BOUNDARY);
    NormalizedText punctuated = normalizer.normalize("you,ass");
    assertThat(punctuated.boundaryBefore(3)).isEqualTo(NormalizedText.SOFT_BOUNDARY);
    NormalizedText chinese = normalizer.normalize("生 日");
    assertThat(chinese.boundaryBefore(1)).isEqualTo(NormalizedText.SOFT_BOUNDARY);
  }

  @Test
  void digitsStayDigitsOutsideLatinWords() {
    assertThat(normalized("iPhone 15")).isEqualTo("iphone15");
    assertThat(normalized("price $5")).isEqualTo("price5");
  }

  @Test
  @Timeout(60) // a hang guard, not a speed check: speed is measured by scripts/bench-matching.sh
  void handlesNullLoneSurrogatesAndHugeText() {
    assertThat(normalized(null)).isEmpty();
    assertThat(normalized("a\uD800b\uDC00c")).isEqualTo("abc");
    String huge = "汉字 word, 😀 ".repeat(80_000);
    NormalizedText text = normalizer.normalize(huge);
    assertThat(text.length()).isGreaterThan(400_000);
  }
}
