package io.groupguard.matching;

import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Top-level domains that make a dotted word plausible as a link without a scheme: common generic
 * TLDs, frequent Chinese IDN TLDs and every ISO 3166 country code. A compact list keeps ordinary
 * text ("e.g.", "3.5", "Mr.Smith", "file.txt") from being read as links. Stored folded (see
 * {@link FoldingTable#foldLetters}) so that a look-alike TLD such as Cyrillic "сом" is recognised.
 */
final class TopLevelDomains {

  private static final String[] GENERIC = {
      "com", "net", "org", "info", "biz", "edu", "gov", "mil", "int", "arpa", "xyz", "top", "online", "site",
      "shop", "store", "app", "dev", "club", "vip", "ltd", "live", "tech", "cloud", "link", "click", "fun",
      "icu", "wang", "mobi", "pro", "name", "asia", "tel", "travel", "work", "life", "world", "news", "email",
      "space", "website", "page", "blog", "men", "love", "win", "bid", "loan", "download", "stream", "media",
      "group", "company", "today", "ink", "red", "kim", "ren", "xin", "games", "game", "bet", "casino",
      "porn", "sex", "adult", "uk", "eu", "su", "ac",
      "中国", "中國", "公司", "网络", "網絡", "在线", "商城", "网店", "网址", "手机", "集团", "中文网", "香港", "台湾", "台灣",
  };

  private static final Set<String> FOLDED = fold();

  private TopLevelDomains() {
  }

  private static Set<String> fold() {
    FoldingTable table = FoldingTable.get();
    Set<String> folded = new HashSet<>();
    Stream.concat(Stream.of(GENERIC), Stream.of(Locale.getISOCountries()).map(code -> code.toLowerCase(Locale.ROOT)))
        .forEach(tld -> folded.add(table.foldLetters(tld)));
    return folded;
  }

  /** Whether {@code label} (as written, any case or look-alike script) is a known TLD or punycode. */
  static boolean isKnown(String label) {
    String lower = label.toLowerCase(Locale.ROOT);
    return lower.startsWith("xn--") && lower.length() > 4 || FOLDED.contains(FoldingTable.get().foldLetters(lower));
  }
}
