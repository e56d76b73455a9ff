package io.groupguard.matching;

import com.google.re2j.Matcher;
import com.google.re2j.Pattern;

/**
 * The RE2/J search for link candidates that {@link LinkCandidateScanner} replaced, kept frozen as
 * the oracle of {@code LinkScannerProperties}: both must find the same candidates in any link view.
 */
final class RegexCandidateSearch implements LinkExtractor.CandidateSearch {

  private static final Pattern CANDIDATE = Pattern.compile(
      "(?i)(?:([a-z][a-z0-9+\\-]{1,15})://)?"
          + "((?:[\\p{L}\\p{N}](?:[\\p{L}\\p{N}\\-]{0,62}[\\p{L}\\p{N}])?\\.)+[\\p{L}\\p{N}\\-]{2,63})"
          + "(?::[0-9]{1,5})?"
          + "([/?#][^\\s<>\"'\\x{3000}-\\x{303F}\\x{FF01}-\\x{FF0F}\\x{FF1A}-\\x{FF20}]*)?");

  private final Matcher matcher;

  RegexCandidateSearch(String viewText) {
    this.matcher = CANDIDATE.matcher(viewText);
  }

  @Override
  public LinkCandidateScanner.Candidate find(int from) {
    if (!matcher.find(from)) {
      return null;
    }
    return new LinkCandidateScanner.Candidate(matcher.start(), matcher.group(1) != null, matcher.start(2),
        matcher.end(2), matcher.group(3) == null ? -1 : matcher.start(3), matcher.end());
  }
}
