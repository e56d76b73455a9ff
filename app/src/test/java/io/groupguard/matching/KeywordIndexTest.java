package io.groupguard.matching;

import static org.assertj.core.api.Assertions.assertThat;

import io.groupguard.avro.KeywordMatch;
import java.util.List;
import org.junit.jupiter.api.Test;

class KeywordIndexTest {

  private final TextNormalizer normalizer = TextNormalizer.get();

  private List<KeywordIndex.Hit> hits(KeywordIndex index, String text) {
    return index.firstHits(normalizer.normalize(text), owner -> true);
  }

  @Test
  void sharedKeywordReportsEveryOwnerOnce() {
    KeywordIndex.Builder builder = KeywordIndex.builder();
    builder.addKeyword(0, "spam", KeywordMatch.AUTO);
    builder.addKeyword(1, "SPAM", KeywordMatch.AUTO);
    KeywordIndex index = builder.build();
    assertThat(index.patternCount()).isEqualTo(1);
    assertThat(hits(index, "spam spam")).extracting(KeywordIndex.Hit::owner).containsExactly(0, 1);
  }

  @Test
  void ownerFilterLeavesOutRulesThatDoNotApply() {
    KeywordIndex.Builder builder = KeywordIndex.builder();
    builder.addKeyword(0, "spam", KeywordMatch.AUTO);
    builder.addKeyword(1, "scam", KeywordMatch.AUTO);
    List<KeywordIndex.Hit> hits = builder.build().firstHits(normalizer.normalize("spam scam"), owner -> owner == 1);
    assertThat(hits).extracting(hit -> hit.keyword().source()).containsExactly("scam");
  }

  @Test
  void repeatCountsSeparateDifferentWordsFromStretching() {
    KeywordIndex.Builder builder = KeywordIndex.builder();
    builder.addKeyword(0, "as", KeywordMatch.WORD);
    builder.addKeyword(1, "too", KeywordMatch.WORD);
    KeywordIndex index = builder.build();
    assertThat(hits(index, "ass")).isEmpty();
    assertThat(hits(index, "to")).isEmpty();
    assertThat(hits(index, "tooooo")).extracting(KeywordIndex.Hit::owner).containsExactly(1);
  }

  @Test
  void phraseKeywordMatchesWithOrWithoutItsSpace() {
    KeywordIndex.Builder builder = KeywordIndex.builder();
    builder.addKeyword(0, "buy now", KeywordMatch.AUTO);
    KeywordIndex index = builder.build();
    assertThat(hits(index, "please buy now")).hasSize(1);
    assertThat(hits(index, "BUYNOW!")).hasSize(1);
    assertThat(hits(index, "buy nowhere")).isEmpty();
  }

  @Test
  void keywordOfPunctuationOnlyIsSkipped() {
    KeywordIndex.Builder builder = KeywordIndex.builder();
    assertThat(builder.addKeyword(0, "!!!", KeywordMatch.AUTO)).isFalse();
    assertThat(builder.build().isEmpty()).isTrue();
  }
}
