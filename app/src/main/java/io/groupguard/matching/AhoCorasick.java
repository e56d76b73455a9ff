package io.groupguard.matching;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * A char-array Aho-Corasick automaton: nodes are ints, edges of a node are a sorted slice of one
 * shared char array (binary search), the root has a dense 64K table when it has many edges (the
 * common case with Chinese keywords), and outputs are chained by dictionary-suffix links so a
 * node stores one pattern id. Immutable and thread-safe once built.
 */
public final class AhoCorasick {

  /** Receives every occurrence; {@code end} is exclusive. */
  @FunctionalInterface
  public interface MatchSink {
    void onMatch(int patternId, int end);
  }

  private static final int DENSE_ROOT_MIN_EDGES = 64;

  private final int[] edgeOffsets; // node -> first edge; node + 1 -> end
  private final char[] edgeChars;
  private final int[] edgeTargets;
  private final int[] rootTable; // null when the root is sparse
  private final int[] failure;
  private final int[] patternAt; // pattern ending at node, or -1
  private final int[] outputLink; // nearest node on the failure chain with a pattern, or -1
  private final int[] patternLengths;

  private AhoCorasick(int[] edgeOffsets, char[] edgeChars, int[] edgeTargets, int[] patternAt, int[] patternLengths) {
    this.edgeOffsets = edgeOffsets;
    this.edgeChars = edgeChars;
    this.edgeTargets = edgeTargets;
    this.patternAt = patternAt;
    this.patternLengths = patternLengths;
    int rootEdges = edgeOffsets[1] - edgeOffsets[0];
    if (rootEdges >= DENSE_ROOT_MIN_EDGES) {
      rootTable = new int[Character.MAX_VALUE + 1];
      for (int e = edgeOffsets[0]; e < edgeOffsets[1]; e++) {
        rootTable[edgeChars[e]] = edgeTargets[e];
      }
    } else {
      rootTable = null;
    }
    int nodes = patternAt.length;
    failure = new int[nodes];
    outputLink = new int[nodes];
    linkBreadthFirst(nodes);
  }

  private void linkBreadthFirst(int nodes) {
    int[] queue = new int[nodes];
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
        int fallback = step(failure[node], edgeChars[e]);
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
    int state = 0;
    for (int i = 0; i < length; i++) {
      state = step(state, text[i]);
      int node = patternAt[state] >= 0 ? state : outputLink[state];
      while (node >= 0) {
        sink.onMatch(patternAt[node], i + 1);
        node = outputLink[node];
      }
    }
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
    int low = edgeOffsets[node];
    int high = edgeOffsets[node + 1] - 1;
    if (high - low < 4) {
      for (int e = low; e <= high; e++) {
        if (edgeChars[e] == c) {
          return edgeTargets[e];
        }
      }
      return -1;
    }
    while (low <= high) {
      int mid = (low + high) >>> 1;
      char midChar = edgeChars[mid];
      if (midChar < c) {
        low = mid + 1;
      } else if (midChar > c) {
        high = mid - 1;
      } else {
        return edgeTargets[mid];
      }
    }
    return -1;
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
     * Inserting patterns in sorted order creates each node's children in increasing char order,
     * so grouping edges by parent (a stable counting sort) yields sorted edge slices directly.
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
      char[] edgeChars = new char[nodes - 1];
      int[] edgeTargets = new int[nodes - 1];
      for (int node = 1; node < nodes; node++) {
        int slot = fill[parent[node]]++;
        edgeChars[slot] = label[node];
        edgeTargets[slot] = node;
      }
      int[] lengths = new int[patterns.length];
      for (int id = 0; id < patterns.length; id++) {
        lengths[id] = patterns[id].length();
      }
      return new AhoCorasick(edgeOffsets, edgeChars, edgeTargets, Arrays.copyOf(patternAt, nodes), lengths);
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
