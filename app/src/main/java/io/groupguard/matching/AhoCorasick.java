package io.groupguard.matching;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * A char-array Aho-Corasick automaton laid out for few cache misses per text char. Nodes are
 * numbered breadth-first, so the children of a node are consecutive ids with ascending labels.
 * What a step reads about a node (first child, child count and first child's label, failure
 * link, first output) sits in one 16-byte record, so a node with one child (most nodes below the
 * first levels) is stepped from its record alone; a narrow node's other child labels are one
 * short contiguous {@code char} run, searched linearly; a wide node's children are found in one open-addressing table whose slots
 * hold key and child offset together (one probe is one memory access); the root has a dense 64K
 * table when it has many edges. Outputs are chained by dictionary-suffix links so a node stores
 * one pattern id. Immutable and thread-safe once built.
 */
public final class AhoCorasick {

  private static final int DENSE_ROOT_MIN_EDGES = 64;
  /** Up to this many children a linear scan of the labels beats hashing. */
  private static final int MAX_LINEAR_CHILDREN = 8;

  // Node record, RECORD ints per node.
  private static final int RECORD = 4;
  private static final int FIRST_CHILD = 0;
  /**
   * A narrow node's child count << 16 | its first child's label (0 for a leaf), so that a step
   * through a node with one child reads nothing but the record; WIDE for a node with more than
   * MAX_LINEAR_CHILDREN children, found through {@code wideSlots}.
   */
  private static final int COUNT_AND_LABEL = 1;
  private static final int FIRST_LABEL_MASK = 0xFFFF;
  private static final int WIDE = -1;
  private static final int FAILURE = 2;
  private static final int FIRST_OUTPUT = 3; // the node itself or the nearest failure-chain node with a pattern, or -1

  private final int[] records;
  private final char[] labelOf;
  private final long[] wideSlots; // (parent + 1) << 32 | label << 16 | child offset; 0 = empty
  private final int wideMask;
  private final int[] rootTable; // null when the root is sparse
  private final int[] patternAt; // pattern ending at node, or -1
  private final int[] outputLink; // nearest node on the failure chain with a pattern, or -1
  private final int patternCount;
  private final SecondCharFilter secondChars;

  /** {@code firstChild}/{@code childCount} describe a breadth-first numbering (children consecutive, labels ascending). */
  private AhoCorasick(char[] labelOf, int[] firstChild, int[] childCount, int[] patternAt, int patternCount) {
    int nodes = patternAt.length;
    this.labelOf = labelOf;
    this.patternAt = patternAt;
    this.patternCount = patternCount;
    this.records = new int[nodes * RECORD];
    int wideChildren = 0;
    for (int node = 0; node < nodes; node++) {
      records[node * RECORD + FIRST_CHILD] = firstChild[node];
      int count = childCount[node];
      records[node * RECORD + COUNT_AND_LABEL] =
          count > MAX_LINEAR_CHILDREN ? WIDE : count == 0 ? 0 : count << 16 | labelOf[firstChild[node]];
      if (childCount[node] > MAX_LINEAR_CHILDREN) {
        wideChildren += childCount[node];
      }
    }
    int slots = Integer.highestOneBit(Math.max(wideChildren, 1) * 2 - 1) * 2;
    this.wideSlots = new long[slots];
    this.wideMask = slots - 1;
    for (int node = 0; node < nodes; node++) {
      if (childCount[node] > MAX_LINEAR_CHILDREN) {
        for (int offset = 0; offset < childCount[node]; offset++) {
          char label = labelOf[firstChild[node] + offset];
          int slot = slotOf(node, label);
          while (wideSlots[slot] != 0) {
            slot = (slot + 1) & wideMask;
          }
          wideSlots[slot] = keyOf(node, label) | offset;
        }
      }
    }
    if (childCount[0] >= DENSE_ROOT_MIN_EDGES) {
      rootTable = new int[Character.MAX_VALUE + 1];
      for (int child = firstChild[0]; child < firstChild[0] + childCount[0]; child++) {
        rootTable[labelOf[child]] = child;
      }
    } else {
      rootTable = null;
    }
    outputLink = new int[nodes];
    linkBreadthFirst(childCount);
    secondChars = rootTable == null ? null : SecondCharFilter.of(labelOf, firstChild, childCount); // big automata only
  }

  /** Breadth-first ids: a node's failure target is shallower, so it is linked before the node. */
  private void linkBreadthFirst(int[] childCount) {
    outputLink[0] = -1;
    records[FAILURE] = 0;
    records[FIRST_OUTPUT] = -1;
    for (int node = 0; node < patternAt.length; node++) {
      int first = records[node * RECORD + FIRST_CHILD];
      int end = first + childCount[node];
      for (int child = first; child < end; child++) {
        int fallback = node == 0 ? 0 : step(records[node * RECORD + FAILURE], labelOf[child]);
        int link = patternAt[fallback] >= 0 ? fallback : outputLink[fallback];
        records[child * RECORD + FAILURE] = fallback;
        outputLink[child] = link;
        records[child * RECORD + FIRST_OUTPUT] = patternAt[child] >= 0 ? child : link;
      }
    }
  }

  public int patternCount() {
    return patternCount;
  }

  /**
   * Every occurrence of every pattern in {@code text[0, length)}, in order of their end, written
   * into {@code into} (cleared first); a plain loop with no callback keeps the hot path small
   * enough for the JIT to inline, and the reused buffer keeps it free of allocation.
   */
  public void findAll(char[] text, int length, Occurrences into) {
    into.count = 0;
    int state = 0;
    for (int i = 0; i < length; i++) {
      state = step(state, text[i]);
      int node = records[state * RECORD + FIRST_OUTPUT];
      while (node >= 0) {
        into.add(i + 1, patternAt[node]);
        node = outputLink[node];
      }
    }
  }

  /** A reusable list of occurrences (pattern id and exclusive end); not thread-safe. */
  public static final class Occurrences {
    private long[] packed = new long[16];
    private int count;

    public int count() {
      return count;
    }

    /** How many occurrences fit before the buffer grows. */
    public int capacity() {
      return packed.length;
    }

    public int patternId(int index) {
      return (int) packed[index];
    }

    /** Exclusive end of the occurrence in the text. */
    public int end(int index) {
      return (int) (packed[index] >>> 32);
    }

    private void add(int end, int patternId) {
      if (count == packed.length) {
        packed = Arrays.copyOf(packed, count * 2);
      }
      packed[count++] = (long) end << 32 | patternId;
    }
  }

  private int step(int state, char c) {
    int node = state;
    while (node != 0) {
      if (secondChars != null && !secondChars.mayFollow(node, c)) {
        break; // node is a root child, whose failure link is the root
      }
      int target = child(node, c);
      if (target >= 0) {
        return target;
      }
      node = records[node * RECORD + FAILURE];
    }
    if (rootTable != null) {
      return rootTable[c];
    }
    return Math.max(child(0, c), 0);
  }

  /** The child of {@code node} labelled {@code c}, or -1. */
  private int child(int node, char c) {
    int first = records[node * RECORD + FIRST_CHILD];
    int countAndLabel = records[node * RECORD + COUNT_AND_LABEL];
    if (countAndLabel >= 0) {
      if (countAndLabel == 0) {
        return -1;
      }
      if ((countAndLabel & FIRST_LABEL_MASK) == c) {
        return first;
      }
      int end = first + (countAndLabel >>> 16);
      for (int child = first + 1; child < end; child++) {
        if (labelOf[child] == c) {
          return child;
        }
      }
      return -1;
    }
    long key = keyOf(node, c);
    int slot = slotOf(node, c);
    long entry;
    while ((entry = wideSlots[slot]) != 0) {
      if ((entry & ~0xFFFFL) == key) {
        return first + (int) (entry & 0xFFFF);
      }
      slot = (slot + 1) & wideMask;
    }
    return -1;
  }

  private static long keyOf(int node, char c) {
    return (long) (node + 1) << 32 | (long) c << 16;
  }

  private int slotOf(int node, char c) {
    int hash = node * 0x9E3779B1 + c * 0x85EBCA6B;
    return (hash ^ (hash >>> 15)) & wideMask;
  }

  /**
   * A bit per (root child, char) telling whether that child has a child with that label. Most
   * text chars leave a root child without a match (in Chinese text a root child is where most
   * steps start); the bit set is small enough to stay in cache where the root children's child
   * tables are not, so the filter saves a cache miss on most steps.
   */
  private static final class SecondCharFilter {
    private static final int MAX_BITS = 1 << 23; // 1 MB: beyond that the filter would itself miss the cache

    private final int rootChildren; // ids 1..rootChildren in the breadth-first numbering
    private final char[] codeOf; // 0: labels no child of a root child
    private final int width;
    private final long[] bits;

    private SecondCharFilter(int rootChildren, char[] codeOf, int width) {
      this.rootChildren = rootChildren;
      this.codeOf = codeOf;
      this.width = width;
      this.bits = new long[(int) (((long) rootChildren * width + 63) / 64)];
    }

    /** The filter, or null when the root children and their labels are too many for a small bit set. */
    static SecondCharFilter of(char[] labelOf, int[] firstChild, int[] childCount) {
      int rootChildren = childCount.length > 0 ? childCount[0] : 0;
      char[] codeOf = new char[Character.MAX_VALUE + 1];
      int codes = 0;
      for (int node = 1; node <= rootChildren; node++) {
        for (int child = firstChild[node]; child < firstChild[node] + childCount[node]; child++) {
          if (codeOf[labelOf[child]] == 0) {
            if (codes == Character.MAX_VALUE) {
              return null;
            }
            codeOf[labelOf[child]] = (char) ++codes;
          }
        }
      }
      int width = codes + 1;
      if (rootChildren == 0 || (long) rootChildren * width > MAX_BITS) {
        return null;
      }
      SecondCharFilter filter = new SecondCharFilter(rootChildren, codeOf, width);
      for (int node = 1; node <= rootChildren; node++) {
        for (int child = firstChild[node]; child < firstChild[node] + childCount[node]; child++) {
          int bit = (node - 1) * width + codeOf[labelOf[child]];
          filter.bits[bit >>> 6] |= 1L << bit;
        }
      }
      return filter;
    }

    /** False when {@code node} is a root child without a child labelled {@code c}. */
    boolean mayFollow(int node, char c) {
      if (node > rootChildren) {
        return true;
      }
      int code = codeOf[c];
      if (code == 0) {
        return false;
      }
      int bit = (node - 1) * width + code;
      return (bits[bit >>> 6] & 1L << bit) != 0;
    }
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Collects patterns; equal patterns get the same id. Not thread-safe. */
  public static final class Builder {
    private final Map<String, Integer> ids = new HashMap<>();

    private Builder() {
    }

    /** Adds a non-empty pattern and returns its id (the id of an equal pattern added before). */
    public int add(char[] pattern) {
      if (pattern.length == 0) {
        throw new IllegalArgumentException("empty pattern");
      }
      return ids.computeIfAbsent(new String(pattern), key -> ids.size());
    }

    public AhoCorasick build() {
      String[] patterns = new String[ids.size()];
      ids.forEach((pattern, id) -> patterns[id] = pattern);
      Integer[] order = new Integer[patterns.length];
      Arrays.setAll(order, i -> i);
      Arrays.sort(order, (a, b) -> patterns[a].compareTo(patterns[b]));
      return buildSorted(patterns, order);
    }

    /**
     * Inserting patterns in sorted order shares prefixes with the previous pattern only, so the
     * trie is built with a path stack and no child lookups, then renumbered breadth-first.
     */
    private static AhoCorasick buildSorted(String[] patterns, Integer[] order) {
      int capacity = 1;
      for (String pattern : patterns) {
        capacity += pattern.length();
      }
      int[] parent = new int[capacity];
      char[] label = new char[capacity];
      int[] patternAt = new int[capacity];
      Arrays.fill(patternAt, -1);
      int nodes = 1;
      int[] path = new int[64];
      String previous = "";
      for (int id : order) {
        String pattern = patterns[id];
        int common = commonPrefix(previous, pattern);
        if (path.length <= pattern.length()) {
          path = Arrays.copyOf(path, pattern.length() + 1);
        }
        for (int depth = common; depth < pattern.length(); depth++) {
          int node = nodes++;
          parent[node] = path[depth];
          label[node] = pattern.charAt(depth);
          path[depth + 1] = node;
        }
        patternAt[path[pattern.length()]] = id;
        previous = pattern;
      }
      return breadthFirst(parent, label, patternAt, nodes, patterns.length);
    }

    /**
     * Renumbers the trie breadth-first. In the sorted build a node's children were created in
     * ascending label order, so grouping them by parent (a counting sort by parent) keeps that order.
     */
    private static AhoCorasick breadthFirst(int[] parent, char[] label, int[] patternAt, int nodes, int patternCount) {
      int[] edgeOffsets = new int[nodes + 1];
      for (int node = 1; node < nodes; node++) {
        edgeOffsets[parent[node] + 1]++;
      }
      for (int node = 0; node < nodes; node++) {
        edgeOffsets[node + 1] += edgeOffsets[node];
      }
      int[] fill = Arrays.copyOf(edgeOffsets, nodes);
      int[] edgeTargets = new int[nodes - 1];
      for (int node = 1; node < nodes; node++) {
        edgeTargets[fill[parent[node]]++] = node;
      }
      int[] queue = new int[nodes]; // old ids in breadth-first order: the new id is the queue position
      char[] newLabel = new char[nodes];
      int[] firstChild = new int[nodes];
      int[] childCount = new int[nodes];
      int[] newPatternAt = new int[nodes];
      int tail = 1;
      for (int head = 0; head < nodes; head++) {
        int old = queue[head];
        newPatternAt[head] = patternAt[old];
        firstChild[head] = tail;
        childCount[head] = edgeOffsets[old + 1] - edgeOffsets[old];
        for (int e = edgeOffsets[old]; e < edgeOffsets[old + 1]; e++) {
          newLabel[tail] = label[edgeTargets[e]];
          queue[tail++] = edgeTargets[e];
        }
      }
      return new AhoCorasick(newLabel, firstChild, childCount, newPatternAt, patternCount);
    }

    private static int commonPrefix(String a, String b) {
      int limit = Math.min(a.length(), b.length());
      int i = 0;
      while (i < limit && a.charAt(i) == b.charAt(i)) {
        i++;
      }
      return i;
    }
  }
}
