package io.groupguard.matching;

import static org.assertj.core.api.Assertions.assertThat;

import io.groupguard.avro.KeywordMatch;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

/**
 * The index (one automaton, packed entries, the fast path for plain keywords) finds exactly what
 * trying every keyword and allow word of every owner at every position with
 * {@link KeywordPattern#matchesAt} finds. Small alphabets make repeats, gaps, shared prefixes,
 * equal keywords of several owners and allow words covering keywords common.
 */
class KeywordIndexProperties {

  private static final TextNormalizer NORMALIZER = TextNormalizer.get();
  private static final int OWNERS = 4;

  private record Word(int owner, String text, KeywordMatch mode, boolean allowWord) {
  }

  /** One parameter: jqwik 1.9.3 crashes shrinking a list of records next to a string parameter. */
  private record Case(List<Word> words, String text) {
  }

  @Property(tries = 300)
  void indexFindsWhatTryingEveryPositionFinds(@ForAll("cases") Case example) {
    List<Word> words = example.words();
    String text = example.text();
    KeywordIndex.Builder builder = KeywordIndex.builder();
    List<Word> added = new ArrayList<>();
    for (Word word : words) {
      boolean kept = word.allowWord() ? builder.addAllowWord(word.owner(), word.text())
          : builder.addKeyword(word.owner(), word.text(), word.mode());
      if (kept) {
        added.add(word);
      }
    }
    NormalizedText normalized = NORMALIZER.normalize(text);
    List<KeywordIndex.Hit> hits = builder.build().firstHits(normalized, owner -> owner != 3);
    assertThat(hits).extracting(KeywordIndex.Hit::owner).isSorted();
    List<String> found = hits.stream().map(hit -> hit.owner() + "@" + hit.start() + "-" + hit.end()).toList();
    assertThat(found).containsExactlyInAnyOrderElementsOf(bruteForce(added, normalized));
  }

  /** Per owner the earliest (then longest) keyword occurrence that no allow word occurrence covers. */
  private static List<String> bruteForce(List<Word> words, NormalizedText text) {
    List<int[]> firsts = new ArrayList<>(); // owner, start, end
    for (int owner = 0; owner < OWNERS - 1; owner++) {
      int[] best = null;
      for (Word keyword : ownedBy(words, owner, false)) {
        KeywordPattern pattern = KeywordPattern.of(keyword.text(), keyword.mode(), NORMALIZER);
        for (int start = 0; start < text.length(); start++) {
          int end = start + pattern.length();
          boolean better = best == null || start < best[1] || start == best[1] && end > best[2];
          if (better && pattern.matchesAt(text, start) && !allowed(words, owner, text, start, end)) {
            best = new int[] {owner, start, end};
          }
        }
      }
      if (best != null) {
        firsts.add(best);
      }
    }
    return firsts.stream().map(hit -> hit[0] + "@" + hit[1] + "-" + hit[2]).toList();
  }

  private static boolean allowed(List<Word> words, int owner, NormalizedText text, int start, int end) {
    for (Word allowWord : ownedBy(words, owner, true)) {
      KeywordPattern pattern = KeywordPattern.of(allowWord.text(), KeywordMatch.SUBSTRING, NORMALIZER);
      for (int from = Math.max(0, end - pattern.length()); from <= start; from++) {
        if (pattern.matchesAt(text, from)) {
          return true;
        }
      }
    }
    return false;
  }

  private static List<Word> ownedBy(List<Word> words, int owner, boolean allowWords) {
    return words.stream().filter(word -> word.owner() == owner && word.allowWord() == allowWords).toList();
  }

  @Provide
  Arbitrary<Case> cases() {
    return Combinators.combine(words(), texts()).as(Case::new);
  }

  private static Arbitrary<List<Word>> words() {
    Arbitrary<String> text = Arbitraries.of("a", "as", "ass", "a s", "a.s", "sa", "bass", "b", "aab", ".", "生日",
        "生日快乐", "发财", "发 财", "a生", "日a");
    Arbitrary<Boolean> allowWord = Arbitraries.frequency(Tuple.of(1, true), Tuple.of(4, false));
    return Combinators.combine(Arbitraries.integers().between(0, OWNERS - 1), text,
            Arbitraries.of(KeywordMatch.class), allowWord)
        .as(Word::new).list().ofMaxSize(12);
  }

  private static Arbitrary<String> texts() {
    return Arbitraries.strings().withChars("abs .,发财生日快乐").ofMaxLength(40);
  }
}
