package io.groupguard.matching;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The one-pass normalization (texts without digits, {@code @} or {@code $}) gives exactly what the
 * general two-pass path gives: chars, spans, repeat counts, boundaries and script flags.
 */
class NormalizationPathsProperties {

  private static final TextNormalizer NORMALIZER = TextNormalizer.get();

  @Property(tries = 1_000)
  void onePassEqualsTwoPasses(@ForAll("texts") String text) {
    assertThat(describe(NORMALIZER.normalize(text))).isEqualTo(describe(NORMALIZER.normalizeInTwoPasses(text)));
  }

  private static List<String> describe(NormalizedText text) {
    List<String> chars = new ArrayList<>();
    for (int i = 0; i < text.length(); i++) {
      chars.add(text.charAt(i) + "@" + text.originalStart(i) + "-" + text.originalEnd(i) + " x" + text.runLength(i)
          + " b" + text.boundaryBefore(i) + (text.isUnspaced(i) ? " unspaced" : ""));
    }
    return chars;
  }

  /** Disguise-shaped text (single letters between spaces, repeats, punctuation, invisible chars, ligatures) and any text. */
  @Provide
  Arbitrary<String> texts() {
    Arbitrary<String> shaped = Arbitraries.strings()
        .withChars("aabsS sss  .,!-中文傻瓜\u200B\u00AD\uFB03\u2460ＡｂéΑа😀\uD83D")
        .ofMaxLength(40);
    return Arbitraries.oneOf(shaped, Arbitraries.strings().all().ofMaxLength(100));
  }
}
