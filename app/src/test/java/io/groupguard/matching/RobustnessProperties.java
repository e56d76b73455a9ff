package io.groupguard.matching;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Normalization and link extraction accept any string: every code point, lone surrogates included. */
class RobustnessProperties {

  @Property(tries = 500)
  void normalizationNeverThrowsAndSpansStayInsideTheText(@ForAll("anyText") String text) {
    NormalizedText normalized = TextNormalizer.get().normalize(text);
    for (int i = 0; i < normalized.length(); i++) {
      assertThat(normalized.originalStart(i)).isBetween(0, text.length());
      assertThat(normalized.originalEnd(i)).isBetween(normalized.originalStart(i) + 1, text.length());
      assertThat(normalized.runLength(i)).isPositive();
    }
  }

  @Property(tries = 500)
  void linkExtractionNeverThrowsAndSpansStayInsideTheText(@ForAll("anyText") String text) {
    List<ExtractedLink> links = LinkExtractor.extract(text);
    for (ExtractedLink link : links) {
      assertThat(text.substring(link.start(), link.end())).isEqualTo(link.asWritten());
    }
    assertThat(LinkExtractor.parse(text)).isNotNull();
  }

  @Provide
  Arbitrary<String> anyText() {
    Arbitrary<String> anyChars = Arbitraries.strings().all().ofMaxLength(200);
    Arbitrary<String> linkish = Arbitraries.strings().withChars("ab.。:/%-@ 3ｃｏｍ(dot)中国xn--").ofMaxLength(60)
        .map(s -> s + ".com");
    return Arbitraries.oneOf(anyChars, linkish);
  }
}
