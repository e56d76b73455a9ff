package io.groupguard.matching;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class LinkWhitelistTest {

  private final LinkWhitelist whitelist = new LinkWhitelist(
      List.of("example.com", "https://promo.test.cn/sale/", "*.wild.org", "例子.中国"));

  private static ExtractedLink link(String text) {
    return LinkExtractor.parse(text);
  }

  @Test
  void domainCoversItselfAndSubdomainsOnly() {
    assertThat(whitelist.allowing(link("example.com"))).contains("example.com");
    assertThat(whitelist.allowing(link("https://shop.example.com/x"))).contains("example.com");
    assertThat(whitelist.allowing(link("badexample.com"))).isEmpty();
    assertThat(whitelist.allowing(link("example.com.evil.io"))).isEmpty();
    assertThat(whitelist.allowing(link("a.wild.org"))).contains("*.wild.org");
  }

  @Test
  void prefixCoversPathsBelowItOnThatHost() {
    assertThat(whitelist.allowing(link("http://promo.test.cn/sale/42"))).contains("https://promo.test.cn/sale/");
    assertThat(whitelist.allowing(link("promo.test.cn/other"))).isEmpty();
    assertThat(whitelist.allowing(link("x.promo.test.cn/sale/1"))).isEmpty();
  }

  @Test
  void idnEntriesMatchPunycodeLinks() {
    assertThat(whitelist.allowing(link("http://xn--fsqu00a.xn--fiqs8s/a"))).contains("例子.中国");
  }

  @Test
  void lookAlikeHostIsNotAllowedButRecognised() {
    ExtractedLink lookAlike = link("ехаmple.com"); // Cyrillic e, h, a
    assertThat(whitelist.allowing(lookAlike)).isEmpty();
    assertThat(whitelist.isLookAlike(lookAlike)).isTrue();
    assertThat(whitelist.isLookAlike(link("other.com"))).isFalse();
  }
}
