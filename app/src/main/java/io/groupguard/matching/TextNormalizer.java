package io.groupguard.matching;

import java.util.Arrays;

/**
 * The one normalization applied alike to keywords, allow words and messages: one pass over the
 * chars of a text without digits, {@code @} or {@code $} (most messages), otherwise one pass over
 * the chars plus one over the folded chars (leetspeak needs to see the whole word first).
 *
 * <p><b>Folding</b> per char comes from {@link FoldingTable} (width, case, styled letters,
 * look-alikes, traditional Chinese, digit variants, accents; invisible chars dropped).
 * Punctuation, symbols, emoji and whitespace are removed; what remains are word chars.
 *
 * <p><b>Word structure.</b> The original text is split into runs of word chars. The gap between
 * two runs becomes a boundary before the first char of the second run:
 * <ul>
 *   <li>punctuation/emoji/symbols only (no whitespace): SOFT — {@code f.u.c.k}, {@code fu🤬ck}
 *       read as one word, but a word may also start or end there ({@code hello,ass});</li>
 *   <li>whitespace between two runs of a single letter each ({@code f u c k}), or next to an
 *       unspaced-script char (Chinese has no spaces, so any space there is disguise): SOFT;</li>
 *   <li>other whitespace (between real words, {@code pen is}): HARD — a keyword match may only
 *       cross it where the keyword itself has a gap, so {@code penis} is not found in
 *       {@code the pen is blue}, while {@code buy now} is found in {@code buy now} and
 *       {@code buynow}.</li>
 * </ul>
 * A change between spaced and unspaced script ({@code ass傻}) is also a word edge.
 *
 * <p><b>Leetspeak.</b> Within a segment of spaced-script chars not broken by a HARD boundary or
 * an unspaced char, if the segment holds a Latin letter, digits and {@code @ $} are read as the
 * letters they imitate (0→o 1→i 3→e 4→a 5→s 7→t @→a $→s); otherwise digits stay digits
 * ({@code 3.5}, {@code 2024}, {@code 买2送1}) and {@code @ $} are punctuation.
 *
 * <p><b>Repeats.</b> A run of the same folded char becomes one char with a repeat count, unless a
 * HARD boundary separates them; {@link KeywordPattern} decides whether counts are compatible.
 */
public final class TextNormalizer {

  private static final byte NO_GAP = 0;
  private static final byte PUNCT_GAP = 1;
  private static final byte SPACE_GAP = 2;

  private static final int SINGLE_RUN_BIT = 0x04;
  private static final int UNSPACED_BIT = 0x08;
  private static final int LATIN_BIT = 0x10;
  private static final int DIGIT_BIT = 0x20;
  private static final int LEET_SYMBOL_BIT = 0x40;
  private static final int GAP_MASK = 0x03;

  private static final char[] LEET = leetTable();

  private final FoldingTable table;

  private TextNormalizer(FoldingTable table) {
    this.table = table;
  }

  private static final TextNormalizer INSTANCE = new TextNormalizer(FoldingTable.get());

  /** The shared normalizer; its tables are built on first use (about a second). */
  public static TextNormalizer get() {
    return INSTANCE;
  }

  /**
   * The intermediate buffers of the calling thread, reused from message to message so that
   * normalizing allocates only the result; buffers grown past {@link #MAX_RETAINED_CAPACITY}
   * (a huge message) are dropped after use rather than kept per thread.
   */
  private static final ThreadLocal<Folded> SCRATCH = ThreadLocal.withInitial(() -> new Folded(256));
  private static final int MAX_RETAINED_CAPACITY = 1 << 16;

  /** Normalizes {@code text}; null is treated as empty. Never throws on any string. */
  public NormalizedText normalize(String text) {
    String original = text == null ? "" : text;
    NormalizedText direct = normalizeWithoutLeetspeak(original);
    return direct != null ? direct : normalizeInTwoPasses(original);
  }

  /** Any text: folding first, then boundaries, leetspeak (which needs whole words) and squeezing. */
  NormalizedText normalizeInTwoPasses(String original) {
    Folded folded = SCRATCH.get();
    try {
      fold(original, folded);
      return assemble(original, folded);
    } finally {
      if (folded.chars.length > MAX_RETAINED_CAPACITY) {
        SCRATCH.remove();
      }
    }
  }

  /** Folded word chars before boundaries, leetspeak and squeezing are resolved. */
  private static final class Folded {
    char[] chars;
    int[] starts;
    int[] ends;
    byte[] bits;
    byte[] boundaries;
    int size;

    Folded(int capacity) {
      allocate(capacity);
    }

    /** Empties the buffers, making room for at least {@code capacity} chars. */
    void reset(int capacity) {
      size = 0;
      if (chars.length < capacity) {
        allocate(capacity);
      }
    }

    private void allocate(int capacity) {
      chars = new char[capacity];
      starts = new int[capacity];
      ends = new int[capacity];
      bits = new byte[capacity];
      boundaries = new byte[capacity];
    }

    void add(char c, int start, int end, int bits) {
      if (size == chars.length) {
        int capacity = size * 2 + 8;
        chars = Arrays.copyOf(chars, capacity);
        starts = Arrays.copyOf(starts, capacity);
        ends = Arrays.copyOf(ends, capacity);
        this.bits = Arrays.copyOf(this.bits, capacity);
        boundaries = new byte[capacity]; // filled after folding
      }
      chars[size] = c;
      starts[size] = start;
      ends[size] = end;
      this.bits[size] = (byte) bits;
      size++;
    }
  }

  /**
   * The whole normalization in one pass, for a text without digits, {@code @} or {@code $} (most
   * messages): then leetspeak changes nothing, and the only look-ahead left, whether a word after
   * a space is a single letter, is one peek past it. Returns null when such a char is met: whether
   * it is a letter depends on the rest of its word, which {@link #fold} and {@link #assemble} see.
   */
  private NormalizedText normalizeWithoutLeetspeak(String text) {
    int length = text.length();
    Squeezer out = new Squeezer(length + 8);
    byte gap = NO_GAP;
    boolean inRun = false;
    int runCodePoints = 0;
    boolean previousRunSingle = false;
    boolean previousUnspaced = false;
    int i = 0;
    while (i < length) {
      int cp = text.codePointAt(i);
      int next = i + Character.charCount(cp);
      int entry = table.entry(cp);
      byte kind = FoldingTable.kind(entry);
      if (kind == FoldingTable.DIGIT || kind == FoldingTable.LEET_SYMBOL) {
        return null;
      }
      if (kind == FoldingTable.SPACE || kind == FoldingTable.PUNCT) {
        if (inRun) {
          previousRunSingle = runCodePoints == 1;
          inRun = false;
        }
        gap = kind == FoldingTable.SPACE ? SPACE_GAP : (byte) Math.max(gap, PUNCT_GAP);
      } else if (kind != FoldingTable.IGNORABLE) {
        if (!inRun) {
          inRun = true;
          runCodePoints = 0;
        }
        runCodePoints++;
        boolean unspaced = FoldingTable.isUnspaced(entry);
        byte boundary = out.isEmpty() || gap == NO_GAP ? NormalizedText.NO_BOUNDARY
            : gap == PUNCT_GAP || previousUnspaced || unspaced
                || previousRunSingle && isSingleCodePointRun(text, next) ? NormalizedText.SOFT_BOUNDARY
            : NormalizedText.HARD_BOUNDARY;
        if (FoldingTable.expands(entry)) {
          char[] expansion = table.expansion(cp);
          for (int k = 0; k < expansion.length; k++) {
            out.append(expansion[k], i, next, k == 0 ? boundary : NormalizedText.NO_BOUNDARY, unspaced);
          }
        } else {
          out.append(FoldingTable.singleFold(entry), i, next, boundary, unspaced);
        }
        previousUnspaced = unspaced;
        gap = NO_GAP;
      }
      i = next;
    }
    return out.toText(text);
  }

  /** Whether the run whose first code point ends at {@code next} ends there too (invisible chars do not count). */
  private boolean isSingleCodePointRun(String text, int next) {
    int i = next;
    while (i < text.length()) {
      int cp = text.codePointAt(i);
      byte kind = FoldingTable.kind(table.entry(cp));
      if (kind != FoldingTable.IGNORABLE) {
        return kind == FoldingTable.SPACE || kind == FoldingTable.PUNCT;
      }
      i += Character.charCount(cp);
    }
    return true;
  }

  private void fold(String text, Folded out) {
    int length = text.length();
    out.reset(length + 8);
    byte gap = NO_GAP;
    boolean inRun = false;
    int runFirstEntry = 0;
    int runCodePoints = 0;
    int i = 0;
    while (i < length) {
      int cp = text.codePointAt(i);
      int next = i + Character.charCount(cp);
      int entry = table.entry(cp);
      byte kind = FoldingTable.kind(entry);
      if (kind == FoldingTable.SPACE || kind == FoldingTable.PUNCT) {
        if (inRun) {
          markSingleRun(out, runFirstEntry, runCodePoints);
          inRun = false;
        }
        gap = kind == FoldingTable.SPACE ? SPACE_GAP : (byte) Math.max(gap, PUNCT_GAP);
      } else if (kind != FoldingTable.IGNORABLE) {
        if (!inRun) {
          inRun = true;
          runFirstEntry = out.size;
          runCodePoints = 0;
        }
        runCodePoints++;
        int bits = (FoldingTable.isUnspaced(entry) ? UNSPACED_BIT : 0)
            | (FoldingTable.isLatin(entry) ? LATIN_BIT : 0)
            | (kind == FoldingTable.DIGIT ? DIGIT_BIT : 0)
            | (kind == FoldingTable.LEET_SYMBOL ? LEET_SYMBOL_BIT : 0);
        if (FoldingTable.expands(entry)) {
          char[] expansion = table.expansion(cp);
          for (int k = 0; k < expansion.length; k++) {
            out.add(expansion[k], i, next, bits | (k == 0 ? gap : NO_GAP));
          }
        } else {
          out.add(FoldingTable.singleFold(entry), i, next, bits | gap);
        }
        gap = NO_GAP;
      }
      i = next;
    }
    if (inRun) {
      markSingleRun(out, runFirstEntry, runCodePoints);
    }
  }

  private static void markSingleRun(Folded out, int runFirstEntry, int runCodePoints) {
    if (runCodePoints == 1) {
      for (int k = runFirstEntry; k < out.size; k++) {
        out.bits[k] |= SINGLE_RUN_BIT;
      }
    }
  }

  private static byte boundaryBefore(Folded folded, int index) {
    if (index == 0) {
      return NormalizedText.NO_BOUNDARY;
    }
    int gap = folded.bits[index] & GAP_MASK;
    if (gap == NO_GAP) {
      return NormalizedText.NO_BOUNDARY;
    }
    if (gap == PUNCT_GAP) {
      return NormalizedText.SOFT_BOUNDARY;
    }
    int previous = folded.bits[index - 1];
    int current = folded.bits[index];
    boolean spacedOutLetters = (previous & SINGLE_RUN_BIT) != 0 && (current & SINGLE_RUN_BIT) != 0;
    boolean nextToUnspaced = ((previous | current) & UNSPACED_BIT) != 0;
    return spacedOutLetters || nextToUnspaced ? NormalizedText.SOFT_BOUNDARY : NormalizedText.HARD_BOUNDARY;
  }

  private static NormalizedText assemble(String original, Folded folded) {
    int size = folded.size;
    Squeezer out = new Squeezer(size);
    byte[] boundaries = folded.boundaries;
    for (int k = 0; k < size; k++) {
      boundaries[k] = boundaryBefore(folded, k);
    }
    int k = 0;
    while (k < size) {
      if ((folded.bits[k] & UNSPACED_BIT) != 0) {
        out.append(folded.chars[k], folded.starts[k], folded.ends[k], boundaries[k], true);
        k++;
        continue;
      }
      int segmentEnd = k;
      boolean hasLatin = false;
      do {
        hasLatin |= (folded.bits[segmentEnd] & LATIN_BIT) != 0;
        segmentEnd++;
      } while (segmentEnd < size && (folded.bits[segmentEnd] & UNSPACED_BIT) == 0
          && boundaries[segmentEnd] != NormalizedText.HARD_BOUNDARY);
      byte pendingBoundary = NormalizedText.NO_BOUNDARY;
      for (; k < segmentEnd; k++) {
        char c = folded.chars[k];
        byte boundary = (byte) Math.max(boundaries[k], pendingBoundary);
        boolean leetCandidate = (folded.bits[k] & (DIGIT_BIT | LEET_SYMBOL_BIT)) != 0;
        if (leetCandidate && hasLatin && c < LEET.length && LEET[c] != 0) {
          c = LEET[c];
        } else if ((folded.bits[k] & LEET_SYMBOL_BIT) != 0) {
          pendingBoundary = (byte) Math.max(boundary, NormalizedText.SOFT_BOUNDARY); // '@' '$' as punctuation
          continue;
        }
        out.append(c, folded.starts[k], folded.ends[k], boundary, false);
        pendingBoundary = NormalizedText.NO_BOUNDARY;
      }
    }
    return out.toText(original);
  }

  /** Appends folded chars, merging a repeat of the previous char into its run. */
  private static final class Squeezer {
    private char[] chars;
    private int[] starts;
    private int[] ends;
    private byte[] runs;
    private byte[] flags;
    private int size;

    Squeezer(int capacity) {
      chars = new char[capacity];
      starts = new int[capacity];
      ends = new int[capacity];
      runs = new byte[capacity];
      flags = new byte[capacity];
    }

    void append(char c, int start, int end, byte boundary, boolean unspaced) {
      if (size > 0 && chars[size - 1] == c && boundary != NormalizedText.HARD_BOUNDARY) {
        runs[size - 1] = (byte) NormalizedText.saturatedRun(runs[size - 1] + 1);
        ends[size - 1] = Math.max(ends[size - 1], end);
        return;
      }
      if (size == chars.length) { // expansions (ligatures and the like) can outgrow the text
        int capacity = size * 2 + 8;
        chars = Arrays.copyOf(chars, capacity);
        starts = Arrays.copyOf(starts, capacity);
        ends = Arrays.copyOf(ends, capacity);
        runs = Arrays.copyOf(runs, capacity);
        flags = Arrays.copyOf(flags, capacity);
      }
      chars[size] = c;
      starts[size] = start;
      ends[size] = end;
      runs[size] = 1;
      flags[size] = NormalizedText.flags(size == 0 ? NormalizedText.NO_BOUNDARY : boundary, unspaced);
      size++;
    }

    boolean isEmpty() {
      return size == 0;
    }

    NormalizedText toText(String original) {
      return new NormalizedText(original, chars, starts, ends, runs, flags, size);
    }
  }

  private static char[] leetTable() {
    char[] leet = new char['@' + 1];
    leet['0'] = 'o';
    leet['1'] = 'i';
    leet['3'] = 'e';
    leet['4'] = 'a';
    leet['5'] = 's';
    leet['7'] = 't';
    leet['@'] = 'a';
    leet['$'] = 's';
    return leet;
  }
}
