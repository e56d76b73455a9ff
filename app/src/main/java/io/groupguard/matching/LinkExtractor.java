package io.groupguard.matching;

import com.google.re2j.Matcher;
import com.google.re2j.Pattern;
import java.net.IDN;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * Finds links in free text and parses link strings, seeing through common disguises.
 *
 * <p>The text is first rewritten into a "link view" that keeps a map back to the original:
 * full-width ASCII becomes ASCII, disguised dots ({@code 。 ． ｡ (dot) [dot] {dot} (.) [.]},
 * {@code " dot "}, and dots with spaces around them between letters) become {@code .}, and
 * percent-encoded bytes are decoded. A host without a scheme counts only when its last label is
 * a known TLD (look-alike letters folded), so "e.g.", "3.5" or "Mr.Smith" are not links; with a
 * scheme any host counts. Candidates come from {@link LinkCandidateScanner}, which only looks
 * around dots and "://" and runs in linear time, so huge texts are safe.
 */
public final class LinkExtractor {

  private static final Pattern LONE_URL = Pattern.compile(
      "(?is)^(?:[a-z][a-z0-9+\\-]{1,15}://)?([\\p{L}\\p{N}.\\-]+)(?::[0-9]{0,5})?([/?#].*)?$");
  private static final String[] BRACKETED_DOTS = {"(dot)", "[dot]", "{dot}", "<dot>", "(.)", "[.]", "{.}"};
  private static final String TRAILING_PUNCTUATION = ".,;:!?)]}'\"";

  private LinkExtractor() {
  }

  /** Finds the next link candidate at or after an index of one link view's text, or null. */
  @FunctionalInterface
  interface CandidateSearch {
    LinkCandidateScanner.Candidate find(int from);
  }

  /** Links written in {@code text} (null is empty), in text order. Never throws. */
  public static List<ExtractedLink> extract(String text) {
    return extract(text, viewText -> new LinkCandidateScanner(viewText)::find);
  }

  /** As {@link #extract(String)} with another candidate search over the link view (tests compare searches). */
  static List<ExtractedLink> extract(String text, Function<String, CandidateSearch> searchIn) {
    if (text == null || text.isEmpty()) {
      return List.of();
    }
    LinkView view = LinkView.of(text);
    CandidateSearch candidates = searchIn.apply(view.text);
    List<ExtractedLink> links = new ArrayList<>();
    int from = 0;
    LinkCandidateScanner.Candidate candidate;
    while (from < view.text.length() && (candidate = candidates.find(from)) != null) {
      from = candidate.end();
      if (candidate.start() > 0 && isHostChar(view.text.charAt(candidate.start() - 1))) {
        continue; // inside an e-mail address or a longer token
      }
      String host = view.text.substring(candidate.hostStart(), candidate.hostEnd());
      String path = candidate.pathStart() < 0 ? "" : view.text.substring(candidate.pathStart(), candidate.end());
      int hostEnd = candidate.hostStart() + trimToKnownTld(host, candidate.hasScheme());
      if (hostEnd <= candidate.hostStart()) {
        continue;
      }
      String foundHost = view.text.substring(candidate.hostStart(), hostEnd);
      String foundPath = "";
      int linkEnd = hostEnd;
      if (hostEnd == candidate.hostEnd()) { // a path only belongs to the link when the whole host did
        foundPath = path.substring(0, path.length() - trailingPunctuation(path));
        linkEnd = candidate.end() - (path.length() - foundPath.length());
      }
      int start = view.originalStart(candidate.start());
      int end = view.originalEnd(linkEnd - 1);
      links.add(link(text.substring(start, end), foundHost, foundPath, start, end));
      from = linkEnd;
    }
    return links;
  }

  /** Parses a link given on its own (a links-field entry or a whitelist entry). Never throws. */
  public static ExtractedLink parse(String link) {
    String raw = link == null ? "" : link.strip();
    List<ExtractedLink> found = extract(raw);
    if (!found.isEmpty() && found.get(0).start() == 0) {
      ExtractedLink first = found.get(0);
      return new ExtractedLink(raw, first.host(), first.asciiHost(), first.path(), -1, -1);
    }
    Matcher parts = LONE_URL.matcher(LinkView.of(raw).text);
    if (parts.matches()) { // a host the text scan does not accept, e.g. "localhost:8080/x"
      return link(raw, parts.group(1), parts.group(2) == null ? "" : parts.group(2), -1, -1);
    }
    return new ExtractedLink(raw, null, null, "", -1, -1);
  }

  private static ExtractedLink link(String asWritten, String host, String path, int start, int end) {
    String lowerHost = host.toLowerCase(Locale.ROOT);
    while (lowerHost.endsWith(".")) {
      lowerHost = lowerHost.substring(0, lowerHost.length() - 1);
    }
    return new ExtractedLink(asWritten, lowerHost, toAscii(lowerHost), path, start, end);
  }

  static String toAscii(String host) {
    try {
      return IDN.toASCII(host, IDN.ALLOW_UNASSIGNED).toLowerCase(Locale.ROOT);
    } catch (IllegalArgumentException invalid) {
      return host; // not a valid IDN: compare as written, it will not be on a whitelist
    }
  }

  /** Length of the host up to its rightmost known TLD label (any host when a scheme was given). */
  private static int trimToKnownTld(String host, boolean hasScheme) {
    if (hasScheme) {
      return host.length();
    }
    int end = host.length();
    while (end > 0) {
      int dot = host.lastIndexOf('.', end - 1);
      if (dot < 0) {
        return 0;
      }
      String tld = host.substring(dot + 1, end);
      if (tld.codePoints().anyMatch(Character::isLetter) && TopLevelDomains.isKnown(tld)) {
        return end;
      }
      end = dot;
    }
    return 0;
  }

  private static int trailingPunctuation(String path) {
    int n = 0;
    while (n < path.length() && TRAILING_PUNCTUATION.indexOf(path.charAt(path.length() - 1 - n)) >= 0) {
      n++;
    }
    return n;
  }

  private static boolean isHostChar(char c) {
    return c == '@' || c == '.' || c == '-' || c == '_' || Character.isLetterOrDigit(c);
  }

  /** The text with disguises undone, and for each of its chars the original span. */
  private static final class LinkView {
    final String text;
    private final int[] starts;
    private final int[] ends;

    private LinkView(String text, int[] starts, int[] ends) {
      this.text = text;
      this.starts = starts;
      this.ends = ends;
    }

    int originalStart(int index) {
      return starts[index];
    }

    int originalEnd(int index) {
      return ends[index];
    }

    static LinkView of(String original) {
      int length = original.length();
      StringBuilder view = new StringBuilder(length);
      // Every rewrite consumes at least as many chars as it emits, so the view is never longer.
      int[] starts = new int[length];
      int[] ends = new int[length];
      int i = 0;
      while (i < length) {
        int dotEnd = disguisedDotEnd(original, i, view);
        if (dotEnd > i) {
          append(view, '.', i, dotEnd, starts, ends);
          i = dotEnd;
          continue;
        }
        char c = original.charAt(i);
        if (c == '%') {
          int decodedEnd = appendPercentDecoded(original, i, view, starts, ends);
          if (decodedEnd > i) {
            i = decodedEnd;
            continue;
          }
        }
        if (c >= '\uFF01' && c <= '\uFF5E') {
          c = (char) (c - 0xFEE0); // full-width ASCII
        }
        append(view, c, i, i + 1, starts, ends);
        i++;
      }
      return new LinkView(view.toString(), starts, ends);
    }

    private static void append(StringBuilder view, char c, int start, int end, int[] starts, int[] ends) {
      starts[view.length()] = start;
      ends[view.length()] = end;
      view.append(c);
    }

    /**
     * End of a disguised dot starting at {@code i} (optionally after spaces) between a letter or
     * digit already in the view and one that follows; {@code i} when there is none.
     */
    private static int disguisedDotEnd(String text, int i, StringBuilder view) {
      if (!mayStartDisguisedDot(text.charAt(i)) || view.length() == 0
          || !Character.isLetterOrDigit(view.charAt(view.length() - 1))) {
        return i;
      }
      int dot = skipSpaces(text, i);
      int dotEnd = dotTokenEnd(text, dot, dot > i);
      if (dotEnd == dot || (dot == i && dotEnd == i + 1 && text.charAt(i) == '.')) {
        return i; // no dot, or a plain dot that needs no rewriting
      }
      int next = skipSpaces(text, dotEnd);
      return next < text.length() && Character.isLetterOrDigit(text.charAt(next)) ? next : i;
    }

    /**
     * Whether a disguised dot can start at {@code c}: a space, a dot other than '.' (a plain dot
     * right after a letter needs no rewriting), or a bracket. Asked for every char, so it goes first.
     */
    private static boolean mayStartDisguisedDot(char c) {
      return c == ' ' || c == '(' || c == '[' || c == '{' || c == '<' || c == '\u3002' || c == '\uFF0E'
          || c == '\uFF61' || c == '\uFE52' || Character.isWhitespace(c);
    }

    private static int dotTokenEnd(String text, int i, boolean afterSpace) {
      if (i >= text.length()) {
        return i;
      }
      char c = text.charAt(i);
      if (c == '.' || c == '\u3002' || c == '\uFF0E' || c == '\uFF61' || c == '\uFE52') {
        return i + 1;
      }
      if (c != '(' && c != '[' && c != '{' && c != '<' && c != 'd' && c != 'D') {
        return i; // rule out the bracketed and spelled-out dots by their first char
      }
      for (String token : BRACKETED_DOTS) {
        if (text.regionMatches(true, i, token, 0, token.length())) {
          return i + token.length();
        }
      }
      boolean spacedWord = afterSpace && text.regionMatches(true, i, "dot", 0, 3)
          && i + 3 < text.length() && Character.isWhitespace(text.charAt(i + 3));
      return spacedWord ? i + 3 : i;
    }

    private static int skipSpaces(String text, int i) {
      int j = i;
      while (j < text.length() && j - i < 3 && Character.isWhitespace(text.charAt(j))) {
        j++;
      }
      return j;
    }

    /** Decodes a run of %XX bytes as UTF-8; returns {@code i} when there is no valid run. */
    private static int appendPercentDecoded(String text, int i, StringBuilder view, int[] starts, int[] ends) {
      int j = i;
      ByteBuffer bytes = ByteBuffer.allocate(64);
      while (j + 2 < text.length() && text.charAt(j) == '%'
          && Character.digit(text.charAt(j + 1), 16) >= 0 && Character.digit(text.charAt(j + 2), 16) >= 0
          && bytes.hasRemaining()) {
        bytes.put((byte) (Character.digit(text.charAt(j + 1), 16) * 16 + Character.digit(text.charAt(j + 2), 16)));
        j += 3;
      }
      if (j == i) {
        return i;
      }
      bytes.flip();
      String decoded;
      try {
        decoded = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT)
            .decode(bytes).toString();
      } catch (CharacterCodingException notUtf8) {
        return i; // keep the escapes as written
      }
      for (int k = 0; k < decoded.length(); k++) {
        append(view, decoded.charAt(k), i, j, starts, ends);
      }
      return j;
    }
  }
}
