package io.groupguard.matching;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * A char-array Aho-Corasick automaton: nodes are ints; the goto function is one open-addressing
 * hash table of child nodes, checked against each child's parent and label arrays (one or two
 * probes, no branchy search through wide Chinese fan-outs); the root has a dense 64K table when it
 * has many edges; outputs are chained by dictionary-suffix links so a node stores one pattern id.
 * Immutable and thread-safe once built.
 */
public final class AhoCorasick {

  /** Receives every occurrence; {@code end} is exclusive. */
  @FunctionalInterface
  public interface MatchSink {
    void onMatch(int patternId, int end);
  }

  private static final int DENSE_ROOT_MIN_EDGES = 64;

  private final int[] parentOf;
  private final char[] labelOf;
  private final int[] childSlots; // child node by hash of (parent, label); 0 = empty (root is nobody's child)
  private final int slotMask;
  private final int[] rootTable; // null when the root is sparse
  private final int[] failure;
  private final int[] patternAt; // pattern ending at node, or -1
  private final int[] outputLink; // nearest node on the failure chain with a pattern, or -1
  private final int[] patternLengths;

  private AhoCorasick(int[] parentOf, char[] labelOf, int[] edgeOffsets, int[] edgeTargets, int[] patternAt,
      int[] patternLengths) {
    this.parentOf = parentOf;
    this.labelOf = labelOf;
    this.patternAt = patternAt;
    this.patternLengths = patternLengths;
    int nodes = patternAt.length;
    int slots = Integer.highestOneBit(Math.max(nodes, 2) * 2 - 1) * 2;
    this.childSlots = new int[slots];
    this.slotMask = slots - 1;
    for (int node = 1; node < nodes; node++) {
      int slot = slotOf(parentOf[node], labelOf[node]);
      while (childSlots[slot] != 0) {
        slot = (slot + 1) & slotMask;
      }
      childSlots[slot] = node;
    }
    int rootEdges = edgeOffsets[1] - edgeOffsets[0];
    if (rootEdges >= DENSE_ROOT_MIN_EDGES) {
      rootTable = new int[Character.MAX_VALUE + 1];
      for (int e = edgeOffsets[0]; e < edgeOffsets[1]; e++) {
        rootTable[labelOf[edgeTargets[e]]] = edgeTargets[e];
      }
    } else {
      rootTable = null;
    }
    failure = new int[nodes];
    outputLink = new int[nodes];
    linkBreadthFirst(edgeOffsets, edgeTargets);
  }

  private void linkBreadthFirst(int[] edgeOffsets, int[] edgeTargets) {
    int[] queue = new int[patternAt.length];
    int head = 0;
    int tail = 0;
    outputLink[0] = -1;
    for (int e = edgeOffsets[0]; e < edgeOffsets[1]; e++) {
      int child = edgeTargets[e];
      failure[child] = 0;
      outputLink[child] = -1;
      queue[tail++] = child;
    }
    while (head < tail) {
      int node = queue[head++];
      for (int e = edgeOffsets[node]; e < edgeOffsets[node + 1]; e++) {
        int child = edgeTargets[e];
        int fallback = step(failure[node], labelOf[child]);
        failure[child] = fallback;
        outputLink[child] = patternAt[fallback] >= 0 ? fallback : outputLink[fallback];
        queue[tail++] = child;
      }
    }
  }

  public int patternCount() {
    return patternLengths.length;
  }

  public int patternLength(int patternId) {
    return patternLengths[patternId];
  }

  public int nodeCount() {
    return patternAt.length;
  }

  /** Reports every occurrence of every pattern in {@code text[0, length)}, in order of their end. */
  public void scan(char[] text, int length, MatchSink sink) {
    long[] occurrences = findAll(text, length);
    for (long occurrence : occurrences) {
      sink.onMatch(patternIdOf(occurrence), endOf(occurrence));
    }
  }

  /**
   * Every occurrence in {@code text[0, length)} in order of their end, each packed as
   * {@code end << 32 | patternId} (see {@link #patternIdOf}, {@link #endOf}); a plain loop with no
   * callback keeps the hot path small enough for the JIT to inline.
   */
  public long[] findAll(char[] text, int length) {
    long[] found = new long[8];
    int count = 0;
    int state = 0;
    for (int i = 0; i < length; i++) {
      state = step(state, text[i]);
      int node = patternAt[state] >= 0 ? state : outputLink[state];
      while (node >= 0) {
        if (count == found.length) {
          found = Arrays.copyOf(found, count * 2);
        }
        found[count++] = (long) (i + 1) << 32 | patternAt[node];
        node = outputLink[node];
      }
    }
    return count == found.length ? found : Arrays.copyOf(found, count);
  }

  public static int patternIdOf(long occurrence) {
    return (int) occurrence;
  }

  public static int endOf(long occurrence) {
    return (int) (occurrence >>> 32);
  }

  private int step(int state, char c) {
    int node = state;
    while (node != 0) {
      int target = edge(node, c);
      if (target >= 0) {
        return target;
      }
      node = failure[node];
    }
    if (rootTable != null) {
      return rootTable[c];
    }
    int target = edge(0, c);
    return Math.max(target, 0);
  }

  private int edge(int node, char c) {
    int slot = slotOf(node, c);
    int child;
    while ((child = childSlots[slot]) != 0) {
      if (parentOf[child] == node && labelOf[child] == c) {
        return child;
      }
      slot = (slot + 1) & slotMask;
    }
    return -1;
  }

  private int slotOf(int node, char c) {
    int hash = node * 0x9E3779B1 + c * 0x85EBCA6B;
    return (hash ^ (hash >>> 15)) & slotMask;
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
     * trie is built with a path stack and no child lookups; edges are then grouped by parent (a
     * counting sort) for the breadth-first failure linking.
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
      int[] lengths = new int[patterns.length];
      for (int id = 0; id < patterns.length; id++) {
        lengths[id] = patterns[id].length();
      }
      return new AhoCorasick(Arrays.copyOf(parent, nodes), Arrays.copyOf(label, nodes), edgeOffsets, edgeTargets,
          Arrays.copyOf(patternAt, nodes), lengths);
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
