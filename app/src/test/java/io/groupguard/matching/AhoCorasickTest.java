package io.groupguard.matching;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class AhoCorasickTest {

  private static List<String> occurrences(AhoCorasick automaton, List<String> patterns, String text) {
    List<String> found = new ArrayList<>();
    AhoCorasick.Occurrences occurrences = new AhoCorasick.Occurrences();
    automaton.findAll(text.toCharArray(), text.length(), occurrences);
    for (int i = 0; i < occurrences.count(); i++) {
      found.add(occurrences.patternId(i) + "@" + occurrences.end(i));
    }
    return found;
  }

  @Test
  void reportsOverlappingAndNestedPatterns() {
    AhoCorasick.Builder builder = AhoCorasick.builder();
    List<String> patterns = List.of("he", "she", "his", "hers");
    patterns.forEach(p -> builder.add(p.toCharArray()));
    AhoCorasick automaton = builder.build();
    assertThat(occurrences(automaton, patterns, "ushers")).containsExactly("1@4", "0@4", "3@6");
  }

  @Test
  void equalPatternsShareAnId() {
    AhoCorasick.Builder builder = AhoCorasick.builder();
    assertThat(builder.add("abc".toCharArray())).isEqualTo(builder.add("abc".toCharArray()));
  }

  @Test
  void agreesWithNaiveSearchOnRandomInputWithDenseRoot() {
    Random random = new Random(7);
    List<String> patterns = new ArrayList<>();
    AhoCorasick.Builder builder = AhoCorasick.builder();
    for (int i = 0; i < 500; i++) {
      String pattern = randomString(random, 1 + random.nextInt(4), 100);
      if (!patterns.contains(pattern)) {
        patterns.add(pattern);
        assertThat(builder.add(pattern.toCharArray())).isEqualTo(patterns.size() - 1);
      }
    }
    AhoCorasick automaton = builder.build();
    String text = randomString(random, 5_000, 100);
    List<String> expected = new ArrayList<>();
    for (int end = 1; end <= text.length(); end++) {
      for (int id = 0; id < patterns.size(); id++) {
        if (text.startsWith(patterns.get(id), end - patterns.get(id).length()) && end >= patterns.get(id).length()) {
          expected.add(id + "@" + end);
        }
      }
    }
    assertThat(occurrences(automaton, patterns, text)).containsExactlyInAnyOrderElementsOf(expected);
  }

  @Test
  void agreesWithNaiveSearchOnRandomInputWithSparseRootAndExtremeChars() {
    assertAgreesWithNaiveSearch(new Random(11), new char[] {'\u0000', 'a', 'b', '\uFFFF'});
  }

  @Test
  void agreesWithNaiveSearchWhenSparseNodesHaveTooManyChildrenToScan() {
    char[] alphabet = new char[20]; // more children than a linear scan takes, fewer than a dense root needs
    for (int i = 0; i < alphabet.length; i++) {
      alphabet[i] = (char) ('a' + i);
    }
    alphabet[0] = '\u0000';
    alphabet[alphabet.length - 1] = '\uFFFF';
    assertAgreesWithNaiveSearch(new Random(13), alphabet);
  }

  @Test
  void agreesWithNaiveSearchWhenWideAndNarrowNodesHaveLabelsWithTheTopBitSet() {
    char[] alphabet = new char[40]; // CJK chars from U+9000: labels whose packed form sets an int's sign bit
    for (int i = 0; i < alphabet.length; i++) {
      alphabet[i] = (char) (0x9000 + i * 7);
    }
    assertAgreesWithNaiveSearch(new Random(17), alphabet);
  }

  private static void assertAgreesWithNaiveSearch(Random random, char[] alphabet) {
    List<String> patterns = new ArrayList<>();
    AhoCorasick.Builder builder = AhoCorasick.builder();
    for (int i = 0; i < 60; i++) {
      String pattern = randomString(random, 1 + random.nextInt(5), alphabet);
      if (!patterns.contains(pattern)) {
        patterns.add(pattern);
        builder.add(pattern.toCharArray());
      }
    }
    AhoCorasick automaton = builder.build();
    String text = randomString(random, 2_000, alphabet);
    assertThat(occurrences(automaton, patterns, text))
        .containsExactlyInAnyOrderElementsOf(naiveOccurrences(patterns, text));
  }

  private static List<String> naiveOccurrences(List<String> patterns, String text) {
    List<String> expected = new ArrayList<>();
    for (int id = 0; id < patterns.size(); id++) {
      for (int at = text.indexOf(patterns.get(id)); at >= 0; at = text.indexOf(patterns.get(id), at + 1)) {
        expected.add(id + "@" + (at + patterns.get(id).length()));
      }
    }
    return expected;
  }

  private static String randomString(Random random, int length, char[] alphabet) {
    StringBuilder s = new StringBuilder(length);
    for (int i = 0; i < length; i++) {
      s.append(alphabet[random.nextInt(alphabet.length)]);
    }
    return s.toString();
  }

  private static String randomString(Random random, int length, int alphabet) {
    StringBuilder s = new StringBuilder(length);
    for (int i = 0; i < length; i++) {
      s.append((char) ('一' + random.nextInt(alphabet)));
    }
    return s.toString();
  }
}
