package io.groupguard.matching;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Collectors;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** {@link LinkExtractor} finds exactly the links it found with the old RE2/J candidate search ({@link RegexCandidateSearch}). */
class LinkScannerProperties {

  private static final String[] LINKISH_TOKENS = {
      "a", "ab", "Shop", "example", "e", "x-y", "-", "--", "a-", "-b", "3", "35", "中国", "例子", "中", "文字",
      "𠀀", "𝐀𝐁", "\uD800", "\uDC00", "ſ", "\u212A", "é", "xn--fiqs8s", "xn--", "com", "org", "COM", "cn", "io",
      "t.co", "公司", "网络", ".", ".", ".", "..", "。", "．", "｡", "﹒", " . ", " .", ". ", "(dot)", "[.]", "{dot}",
      "<dot>", "(.)", " dot ", "DOT", "http://", "https://", "HTTP://", "ſtp://", "ftp+x://", "a-b://", "://",
      "h://", "www.", "wWw.", ":", ":8080", ":123456", ":", "/", "/path", "?q=1", "#frag", "/a?b=c#d", " ", "  ",
      "\t", "\n", "@", "_", "%2E", "%65", "%E4%BD%A0", "%zz", "%", "ｅｘａｍｐｌｅ", "ｃｏｍ", "：", "，", "、", "\"",
      "'", "<", ">", ")", "]", "!", "?", ",", "e.g.", "3.5", "Mr.", "bob@example.com",
      "a".repeat(62), "b".repeat(63), "c".repeat(64), "d".repeat(65), "中".repeat(63), "𠀀".repeat(63),
  };

  @Property(tries = 2000)
  void sameLinksAsTheRegexInAnyText(@ForAll("anyText") String text) {
    assertSameLinks(text);
  }

  @Property(tries = 5000)
  void sameLinksAsTheRegexInLinkishText(@ForAll("linkishText") String text) {
    assertSameLinks(text);
  }

  @Example
  void sameLinksAsTheRegexAtTheLimits() {
    String[] texts = {
        "a".repeat(70) + ".com", "x." + "a".repeat(63) + ".com", "http://" + "a".repeat(64) + ".com",
        "a." + "b".repeat(70), "ab." + "𠀀".repeat(64), "xhttp://a.com", "0123456789abcdefghttp://a.com",
        "a.b.c.d.e.f", "a.com.Then", "http://a.b.c.d", "a.com:123456/x", "a.com:/x", "a.com。/x",
    };
    for (String text : texts) {
      assertSameLinks(text);
    }
  }

  private static void assertSameLinks(String text) {
    assertThat(LinkExtractor.extract(text)).as("extract(%s)", text)
        .isEqualTo(LinkExtractor.extract(text, RegexCandidateSearch::new));
  }

  @Provide
  Arbitrary<String> anyText() {
    return Arbitraries.strings().all().ofMaxLength(200);
  }

  @Provide
  Arbitrary<String> linkishText() {
    return Arbitraries.of(LINKISH_TOKENS).list().ofMaxSize(25).map(tokens -> String.join("", tokens));
  }
}
