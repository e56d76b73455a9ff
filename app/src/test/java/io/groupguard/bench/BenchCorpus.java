package io.groupguard.bench;

import io.groupguard.avro.ChatMessage;
import io.groupguard.avro.ContentType;
import io.groupguard.avro.Keyword;
import io.groupguard.avro.KeywordMatch;
import io.groupguard.avro.ModerationRule;
import io.groupguard.avro.SenderKind;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * A seeded, realistic corpus: 1,000 rules x 100 keywords (about half Chinese, half English) and
 * 20-200 char messages mixing Chinese and English, about one in ten with a (often disguised) hit.
 */
final class BenchCorpus {

  static final String TENANT = "bench-tenant";
  static final String GROUP = "bench-group";
  static final int RULES = 1_000;
  static final int KEYWORDS_PER_RULE = 100;

  private static final String SYLLABLES = "ka ri to mo na se lu vi po ex ul an dr st qu ble ton mar zen fo gri pa der wo";
  private static final String[] ENGLISH = ("the a to and you we our group today price shop order please thanks hello "
      + "good morning meeting class classic team new sale free gift check time tomorrow link photo food coffee "
      + "delivery member store open close event happy birthday weekend").split(" ");
  private static final String CHINESE = "的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面而方后多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两体制机当使点从业本去把性好应开它合还因由其些然前外天政四日那社义事平形相全表间样与关各重新线内数正心反你明看原又么利比或但质气第向道命此变条只没结解问意建月公无系军很情者最立代想已通并提直题党程展五果料象员革位入常文总次品式活设及管特件长求老头基资边流路级少图山统接知较将组见计别她手角期根论运农指几九区强放决西被干做必战先回则任取据处队南给色光门即保治北造百规热领七海口东导器压志世金增争济阶油思术极交受联什认六共权收证改清己美再采转更单风切打白教速花带安场身车例真务具万每目至达走积示议声报斗完类八离华名确才科张信马节话米整空元况今集温传土许步群广石记需段研界拉林律叫且究观越织装影算低持音众书布复容儿须际商非验连断深难近矿千周委素技备半办青省列习响约支般史感劳便团往酸历市克何除消构府称太准精值号率族维划选标写存候毛亲快效斯院查江型眼王按格养易置派层片始却专状育厂京识适属圆包火住调满县局照参红细引听该铁价严";

  final List<String> keywords = new ArrayList<>();
  final List<ModerationRule> rules = new ArrayList<>();
  final List<ChatMessage> messages = new ArrayList<>();
  final List<String> texts = new ArrayList<>();

  BenchCorpus(long seed, int messageCount) {
    Random random = new Random(seed);
    Set<String> unique = new LinkedHashSet<>();
    while (unique.size() < RULES * KEYWORDS_PER_RULE) {
      unique.add(random.nextBoolean() ? chineseWord(random, 2 + random.nextInt(3)) : englishWord(random));
    }
    keywords.addAll(unique);
    for (int r = 0; r < RULES; r++) {
      List<Keyword> ruleKeywords = keywords.subList(r * KEYWORDS_PER_RULE, (r + 1) * KEYWORDS_PER_RULE).stream()
          .map(text -> new Keyword(text, KeywordMatch.AUTO)).toList();
      rules.add(ModerationRule.newBuilder().setTenantId(TENANT).setRuleId("rule-" + r).setVersion(1)
          .setName("rule " + r).setCreatorId("admin").setAllGroups(true).setKeywords(ruleKeywords).build());
    }
    for (int m = 0; m < messageCount; m++) {
      String text = messageText(random);
      texts.add(text);
      messages.add(ChatMessage.newBuilder().setTenantId(TENANT).setGroupId(GROUP).setMessageId("m" + m)
          .setSenderId("member-" + random.nextInt(500)).setSenderKind(SenderKind.CUSTOMER)
          .setSendTime(Instant.EPOCH).setContentType(ContentType.TEXT).setText(text).build());
    }
  }

  private String messageText(Random random) {
    int target = 20 + random.nextInt(181);
    StringBuilder text = new StringBuilder(target + 20);
    boolean hit = random.nextInt(10) == 0;
    int hitAt = random.nextInt(target);
    while (text.length() < target) {
      if (hit && text.length() >= hitAt) {
        text.append(disguise(keywords.get(random.nextInt(keywords.size())), random)).append(' ');
        hit = false;
      } else if (random.nextInt(3) == 0) {
        text.append(ENGLISH[random.nextInt(ENGLISH.length)]).append(random.nextInt(8) == 0 ? ", " : " ");
      } else {
        text.append(chineseWord(random, 2 + random.nextInt(6))).append(random.nextInt(6) == 0 ? "，" : "");
      }
    }
    return text.toString();
  }

  private static String disguise(String keyword, Random random) {
    return switch (random.nextInt(4)) {
      case 0 -> keyword;
      case 1 -> keyword.toUpperCase();
      case 2 -> String.join(".", keyword.split(""));
      default -> keyword.chars().mapToObj(c -> c >= '!' && c <= '~' ? String.valueOf((char) (c + 0xFEE0)) : String.valueOf((char) c))
          .reduce("", String::concat);
    };
  }

  private static String chineseWord(Random random, int length) {
    StringBuilder word = new StringBuilder(length);
    for (int i = 0; i < length; i++) {
      word.append(CHINESE.charAt(random.nextInt(CHINESE.length())));
    }
    return word.toString();
  }

  private static String englishWord(Random random) {
    String[] syllables = SYLLABLES.split(" ");
    StringBuilder word = new StringBuilder();
    int count = 2 + random.nextInt(3);
    for (int i = 0; i < count; i++) {
      word.append(syllables[random.nextInt(syllables.length)]);
    }
    return word.toString();
  }
}
