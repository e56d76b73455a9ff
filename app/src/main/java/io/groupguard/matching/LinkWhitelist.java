package io.groupguard.matching;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A rule's link whitelist. An entry without a path is a domain and covers its subdomains
 * ({@code example.com} covers {@code shop.example.com}, not {@code badexample.com}); an entry
 * with a path is a URL prefix on exactly that host ({@code https://example.com/promo/}). The
 * scheme is ignored (http and https alike). Hosts are compared in ASCII (IDN punycode), exactly:
 * a look-alike host is never whitelisted, but is reported as one. Immutable.
 */
public final class LinkWhitelist {

  private record PrefixEntry(String source, String path) {
  }

  private final Map<String, String> domains = new HashMap<>(); // ascii domain -> entry as written
  private final Map<String, List<PrefixEntry>> prefixesByHost = new HashMap<>();
  private final Set<String> foldedHosts = new HashSet<>();

  public LinkWhitelist(Collection<String> entries) {
    FoldingTable folding = FoldingTable.get();
    for (String entry : entries) {
      ExtractedLink parsed = LinkExtractor.parse(entry.startsWith("*.") ? entry.substring(2) : entry);
      if (parsed.asciiHost() == null || parsed.asciiHost().isEmpty()) {
        continue; // validated rules do not hold such entries; an unusable one allows nothing
      }
      String path = parsed.path();
      if (path.isEmpty() || path.equals("/")) {
        domains.putIfAbsent(parsed.asciiHost(), entry);
      } else {
        prefixesByHost.computeIfAbsent(parsed.asciiHost(), host -> new ArrayList<>()).add(new PrefixEntry(entry, path));
      }
      foldedHosts.add(folding.foldLetters(parsed.host()));
    }
  }

  /** The entry that allows {@code link}, if any. */
  public Optional<String> allowing(ExtractedLink link) {
    String host = link.asciiHost();
    if (host == null) {
      return Optional.empty();
    }
    for (PrefixEntry prefix : prefixesByHost.getOrDefault(host, List.of())) {
      if (link.path().startsWith(prefix.path)) {
        return Optional.of(prefix.source);
      }
    }
    for (String suffix = host; ; suffix = suffix.substring(suffix.indexOf('.') + 1)) {
      String entry = domains.get(suffix);
      if (entry != null) {
        return Optional.of(entry);
      }
      if (suffix.indexOf('.') < 0) {
        return Optional.empty();
      }
    }
  }

  /** Whether a link's host imitates a whitelisted host with look-alike characters. */
  public boolean isLookAlike(ExtractedLink link) {
    if (link.host() == null) {
      return false;
    }
    String folded = FoldingTable.get().foldLetters(link.host());
    for (String suffix = folded; ; suffix = suffix.substring(suffix.indexOf('.') + 1)) {
      if (foldedHosts.contains(suffix)) {
        return true;
      }
      if (suffix.indexOf('.') < 0) {
        return false;
      }
    }
  }
}
