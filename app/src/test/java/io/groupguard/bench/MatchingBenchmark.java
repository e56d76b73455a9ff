package io.groupguard.bench;

import com.github.houbb.sensitive.word.bs.SensitiveWordBs;
import com.github.houbb.sensitive.word.support.allow.WordAllows;
import io.groupguard.avro.ChatMessage;
import io.groupguard.matching.KeywordIndex;
import io.groupguard.matching.TextNormalizer;
import io.groupguard.rules.Finding;
import io.groupguard.rules.TenantRuleSet;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.ahocorasick.trie.Emit;
import org.ahocorasick.trie.Trie;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Messages per second, one thread, 100,000 keywords: GroupGuard (whole rule set and matcher core)
 * against sensitive-word with all its conversions on and org.ahocorasick without normalization.
 * One op = one message.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 4, time = 2)
@Measurement(iterations = 8, time = 2)
@Fork(value = 2, jvmArgsAppend = {"-Xmx3g"})
@Threads(1)
@State(Scope.Thread)
public class MatchingBenchmark {

  private static final int MESSAGES = 4_096;

  private List<ChatMessage> messages;
  private List<String> texts;
  private TenantRuleSet ruleSet;
  private KeywordIndex keywordIndex;
  private TextNormalizer normalizer;
  private SensitiveWordBs sensitiveWord;
  private Trie ahoCorasick;
  private int next;

  @Setup
  public void setUp() {
    BenchCorpus corpus = new BenchCorpus(42L, MESSAGES);
    messages = corpus.messages;
    texts = corpus.texts;
    ruleSet = TenantRuleSet.compile(BenchCorpus.TENANT, corpus.rules);
    KeywordIndex.Builder index = KeywordIndex.builder();
    for (int i = 0; i < corpus.keywords.size(); i++) {
      index.addKeyword(i / BenchCorpus.KEYWORDS_PER_RULE, corpus.keywords.get(i), null);
    }
    keywordIndex = index.build();
    normalizer = keywordIndex.normalizer();
    List<String> keywords = corpus.keywords;
    sensitiveWord = SensitiveWordBs.newInstance()
        .wordDeny(() -> keywords).wordAllow(WordAllows.empty())
        .ignoreCase(true).ignoreWidth(true).ignoreNumStyle(true).ignoreChineseStyle(true)
        .ignoreEnglishStyle(true).ignoreRepeat(true)
        .enableWordCheck(true).enableNumCheck(false).enableEmailCheck(false).enableUrlCheck(false)
        .init();
    ahoCorasick = Trie.builder().addKeywords(keywords).build();
  }

  private int nextIndex() {
    next = (next + 1) & (MESSAGES - 1);
    return next;
  }

  @Benchmark
  public List<Finding> groupGuardRuleSet() {
    return ruleSet.evaluate(messages.get(nextIndex()));
  }

  @Benchmark
  public List<KeywordIndex.Hit> groupGuardMatcherCore() {
    return keywordIndex.firstHits(normalizer.normalize(texts.get(nextIndex())), owner -> true);
  }

  @Benchmark
  public List<String> sensitiveWordAllConversions() {
    return sensitiveWord.findAll(texts.get(nextIndex()));
  }

  @Benchmark
  public Collection<Emit> ahoCorasickRaw() {
    return ahoCorasick.parseText(texts.get(nextIndex()));
  }
}
