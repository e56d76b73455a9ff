package io.groupguard.matching;

/**
 * Finds link candidates in a link view (disguised dots already rewritten to {@code .}) without a
 * regex search over every character: a candidate needs a {@code .} or a {@code ://}, so the scan
 * jumps between those anchors with {@code indexOf} and only looks at the host characters around
 * them. Each candidate is exactly the leftmost-first match RE2/J gave for
 *
 * <pre>
 * (?i)(?:([a-z][a-z0-9+\-]{1,15})://)?
 *     ((?:[\p{L}\p{N}](?:[\p{L}\p{N}\-]{0,62}[\p{L}\p{N}])?\.)+[\p{L}\p{N}\-]{2,63})
 *     (?::[0-9]{1,5})?
 *     ([/?#][^\s<>"'\x{3000}-\x{303F}\x{FF01}-\x{FF0F}\x{FF1A}-\x{FF20}]*)?
 * </pre>
 *
 * <p>(lengths count code points; {@code (?i)[a-z]} includes {@code ſ} and the Kelvin sign). The
 * scan stays linear: a chain of labels whose every possible host fails is remembered and not
 * walked again from its later dots.
 */
final class LinkCandidateScanner {

  /**
   * A match: {@code [start, end)} in the view, the host {@code [hostStart, hostEnd)}, the path
   * {@code [pathStart, end)} or {@code pathStart == -1} when there is none.
   */
  record Candidate(int start, boolean hasScheme, int hostStart, int hostEnd, int pathStart, int end) {
  }

  private static final int MAX_LABEL = 64;
  private static final int MAX_TAIL = 63;
  private static final int MAX_SCHEME = 16;
  private static final int MAX_PORT_DIGITS = 5;
  private static final String SCHEME_SEPARATOR = "://";

  private final String text;
  /** The last dot of a label chain known to end no host; dots up to it need no second look. */
  private int failedChainEnd = -1;
  /** The last "://" search (from, result): reused so texts without one are not searched per call. */
  private int separatorSearchedFrom = Integer.MAX_VALUE;
  private int separatorFound = -1;

  LinkCandidateScanner(String text) {
    this.text = text;
  }

  /** The leftmost candidate starting at or after {@code from}, or null. */
  Candidate find(int from) {
    int dot = text.indexOf('.', from);
    int separator = nextSeparator(from);
    while (dot >= 0 || separator >= 0) {
      Candidate found;
      if (separator >= 0 && (dot < 0 || separator < dot)) {
        found = withScheme(separator, from);
        separator = nextSeparator(separator + 1);
      } else {
        found = dot > failedChainEnd ? withoutScheme(dot, from) : null;
        dot = text.indexOf('.', dot + 1);
      }
      if (found != null) {
        return found;
      }
    }
    return null;
  }

  private int nextSeparator(int from) {
    boolean stillValid = separatorSearchedFrom <= from && (separatorFound < 0 || separatorFound >= from);
    if (!stillValid) {
      separatorSearchedFrom = from;
      separatorFound = text.indexOf(SCHEME_SEPARATOR, from);
    }
    return separatorFound;
  }

  /** A candidate whose scheme ends at {@code separator} ("://"), starting as early as allowed. */
  private Candidate withScheme(int separator, int from) {
    int runStart = separator;
    while (runStart > from && separator - runStart < MAX_SCHEME && isSchemeChar(text.charAt(runStart - 1))) {
      runStart--;
    }
    int start = runStart;
    while (start <= separator - 2 && !isSchemeLetter(text.charAt(start))) {
      start++;
    }
    if (start > separator - 2) {
      return null;
    }
    int hostStart = separator + SCHEME_SEPARATOR.length();
    int firstDot = runEnd(hostStart);
    if (firstDot >= text.length() || text.charAt(firstDot) != '.' || !isLabel(hostStart, firstDot)) {
      return null;
    }
    return candidate(start, true, hostStart, firstDot);
  }

  /** A candidate without scheme whose first label ends at {@code dot}, starting as early as allowed. */
  private Candidate withoutScheme(int dot, int from) {
    if (dot <= from || !LetterOrDigit.test(Character.codePointBefore(text, dot))) {
      return null;
    }
    int labelStart = dot;
    int codePoints = 0;
    while (labelStart > from && codePoints < MAX_LABEL) {
      int cp = Character.codePointBefore(text, labelStart);
      if (!isHostChar(cp)) {
        break;
      }
      labelStart -= Character.charCount(cp);
      codePoints++;
    }
    while (!LetterOrDigit.test(text.codePointAt(labelStart))) {
      labelStart++; // a label starts with a letter or digit; the one before the dot ends the loop
    }
    return candidate(labelStart, false, labelStart, dot);
  }

  /** Completes a candidate whose host starts with a valid label ending at {@code firstDot}. */
  private Candidate candidate(int start, boolean hasScheme, int hostStart, int firstDot) {
    int hostEnd = hostEnd(firstDot);
    if (hostEnd < 0) {
      return null;
    }
    int end = hostEnd;
    if (end < text.length() && text.charAt(end) == ':') {
      int digits = 0;
      while (digits < MAX_PORT_DIGITS && end + 1 + digits < text.length() && isAsciiDigit(text.charAt(end + 1 + digits))) {
        digits++;
      }
      if (digits > 0) {
        end += 1 + digits;
      }
    }
    int pathStart = -1;
    if (end < text.length() && "/?#".indexOf(text.charAt(end)) >= 0) {
      pathStart = end;
      end++;
      while (end < text.length() && !endsPath(text.charAt(end))) {
        end++;
      }
    }
    return new Candidate(start, hasScheme, hostStart, hostEnd, pathStart, end);
  }

  /**
   * End of the host after its first dot: the greedy regex takes as many "label." as follow, then
   * backs off to the last dot followed by at least two host chars (the top-level part, at most
   * 63). -1 when there is no such dot; that whole chain is then remembered as failed.
   */
  private int hostEnd(int firstDot) {
    int best = -1;
    int dot = firstDot;
    while (true) {
      int partStart = dot + 1;
      int partEnd = runEnd(partStart);
      if (offsetByCodePoints(partStart, partEnd, 1) < partEnd) { // two code points or more
        best = offsetByCodePoints(partStart, partEnd, MAX_TAIL);
      }
      if (partEnd < text.length() && text.charAt(partEnd) == '.' && isLabel(partStart, partEnd)) {
        dot = partEnd;
      } else {
        break;
      }
    }
    if (best < 0) {
      failedChainEnd = Math.max(failedChainEnd, dot);
    }
    return best;
  }

  /** End of the run of host chars (letters, digits, '-') starting at {@code from}. */
  private int runEnd(int from) {
    int i = from;
    while (i < text.length()) {
      int cp = text.codePointAt(i);
      if (!isHostChar(cp)) {
        break;
      }
      i += Character.charCount(cp);
    }
    return i;
  }

  /** Whether host chars {@code [start, end)} form a label: 1-64 code points, no '-' at either end. */
  private boolean isLabel(int start, int end) {
    return end > start && LetterOrDigit.test(text.codePointAt(start))
        && LetterOrDigit.test(Character.codePointBefore(text, end))
        && text.codePointCount(start, end) <= MAX_LABEL;
  }

  /** The index {@code codePoints} code points after {@code start}, but not past {@code limit}. */
  private int offsetByCodePoints(int start, int limit, int codePoints) {
    int i = start;
    for (int n = 0; n < codePoints && i < limit; n++) {
      i += Character.charCount(text.codePointAt(i));
    }
    return i;
  }

  private static boolean isHostChar(int cp) {
    return cp == '-' || LetterOrDigit.test(cp);
  }

  /** {@code (?i)[a-z]}: RE2/J case folding adds U+017F (long s) and U+212A (Kelvin sign). */
  private static boolean isSchemeLetter(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '\u017F' || c == '\u212A';
  }

  private static boolean isSchemeChar(char c) {
    return isSchemeLetter(c) || isAsciiDigit(c) || c == '+' || c == '-';
  }

  private static boolean isAsciiDigit(char c) {
    return c >= '0' && c <= '9';
  }

  /** The chars a path cannot contain: ASCII space (RE2's \s), quotes, angle brackets, CJK punctuation. */
  private static boolean endsPath(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r' || c == '<' || c == '>' || c == '"'
        || c == '\'' || (c >= '\u3000' && c <= '\u303F') || (c >= '\uFF01' && c <= '\uFF0F')
        || (c >= '\uFF1A' && c <= '\uFF20');
  }
}
