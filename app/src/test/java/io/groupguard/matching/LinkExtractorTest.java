package io.groupguard.matching;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class LinkExtractorTest {

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "go to https://Shop.Example.com/a?b=1 now|https://Shop.Example.com/a?b=1|shop.example.com|/a?b=1",
      "visit example.com.|example.com|example.com|''",
      "visit example . com today|example . com|example.com|''",
      "visit example。com|example。com|example.com|''",
      "visit example(dot)com|example(dot)com|example.com|''",
      "visit example dot com ok|example dot com|example.com|''",
      "see ｅｘａｍｐｌｅ．ｃｏｍ|ｅｘａｍｐｌｅ．ｃｏｍ|example.com|''",
      "see http://%65xample.com/%E4%BD%A0|http://%65xample.com/%E4%BD%A0|example.com|/你",
      "see 例子.中国/x|例子.中国/x|例子.中国|/x",
  })
  void findsLinksThroughDisguises(String text, String asWritten, String host, String path) {
    List<ExtractedLink> links = LinkExtractor.extract(text);
    assertThat(links).singleElement().satisfies(link -> {
      assertThat(link.asWritten()).isEqualTo(asWritten);
      assertThat(link.host()).isEqualTo(host);
      assertThat(link.path()).isEqualTo(path);
      assertThat(text.substring(link.start(), link.end())).isEqualTo(asWritten);
    });
  }

  @Test
  void idnHostIsComparedInPunycode() {
    assertThat(LinkExtractor.extract("see 例子.中国").get(0).asciiHost()).isEqualTo("xn--fsqu00a.xn--fiqs8s");
  }

  @ParameterizedTest
  @ValueSource(strings = {"e.g. this", "version 3.5 is out", "Mr.Smith said", "file.txt", "a.m. or p.m.", "mail me at bob@example.com"})
  void ordinaryTextIsNotALink(String text) {
    assertThat(LinkExtractor.extract(text)).isEmpty();
  }

  @Test
  void hostWithUnknownTrailingWordIsCutAtTheKnownTld() {
    assertThat(LinkExtractor.extract("I like example.com.Then more")).singleElement()
        .extracting(ExtractedLink::asWritten).isEqualTo("example.com");
  }

  @Test
  void parseReadsLinksFieldEntriesAndGarbage() {
    assertThat(LinkExtractor.parse("https://example.com/promo/1").path()).isEqualTo("/promo/1");
    assertThat(LinkExtractor.parse("http://localhost:8080/x").host()).isEqualTo("localhost");
    ExtractedLink garbage = LinkExtractor.parse("::::");
    assertThat(garbage.host()).isNull();
    assertThat(LinkExtractor.parse(null).asWritten()).isEmpty();
  }

  @Test
  @Timeout(60) // a hang guard, not a speed check: speed is measured by scripts/bench-matching.sh
  void extractsTheLinkAtTheEndOfHugeText() {
    String huge = "word 3.5 e.g. 中文，".repeat(70_000) + " spam.com";
    assertThat(LinkExtractor.extract(huge)).extracting(ExtractedLink::host).containsExactly("spam.com");
  }
}
