package io.groupguard.loadgen;

import java.util.SplittableRandom;

/**
 * Words of ordinary chat and of keywords. Keywords are built from syllables and characters that
 * ordinary chat never uses, so a message violates a keyword rule only when the generator meant it to.
 */
final class Vocabulary {

  private static final String[] ENGLISH = ("hello morning thanks order delivery today tomorrow price size colour "
      + "please question answer store open close weekend coupon member points refund receipt table booking menu "
      + "lunch dinner class homework teacher parent meeting photo great nice love happy birthday see you soon ok "
      + "sure where when how much is the a for with and we they can will new old good best shop").split(" ");
  private static final String[] CHINESE = ("你好 早上好 谢谢 订单 快递 今天 明天 价格 尺码 颜色 请问 门店 营业 周末 优惠券 会员 积分 "
      + "退款 发票 预订 菜单 午饭 晚饭 上课 作业 老师 家长 开会 照片 很好 喜欢 生日快乐 再见 好的 没问题 多少钱 新品 活动").split(" ");
  private static final String CONSONANTS = "bdfgkmnprstvzxqjwhcl";
  private static final String VOWELS = "aeiou";
  /** Characters of Chinese keywords; none of them occurs in {@link #CHINESE}. */
  private static final String KEYWORD_HANZI = ("赌博贷款刷单兼职代购裸聊私彩诈骗枪毒黄假证办套现洗钱外挂破解群控加粉引流传销返利"
      + "赚佣骰盘庄闲筹码水提秒到账包赔稳赢内幕荐股杠杆配资虚拟币矿机空投")
      .codePoints().distinct().collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();

  private Vocabulary() {
  }

  static String cleanWord(SplittableRandom random, boolean chinese) {
    String[] words = chinese ? CHINESE : ENGLISH;
    return words[random.nextInt(words.length)];
  }

  /**
   * The distinct keyword number {@code n}: alternately a Latin pseudo-word of three syllables
   * (1,000,000 combinations) or three keyword Hanzi.
   */
  static String keyword(long n) {
    StringBuilder word = new StringBuilder(8);
    long rest = n / 2;
    if (n % 2 == 0) {
      for (int i = 0; i < 3; i++) {
        int syllable = (int) (rest % 100);
        rest /= 100;
        word.append(CONSONANTS.charAt(syllable / 5)).append(VOWELS.charAt(syllable % 5));
      }
      word.append(CONSONANTS.charAt((int) (rest % CONSONANTS.length()))); // beyond 10^6 keywords, still distinct
    } else {
      for (int i = 0; i < 3; i++) {
        word.append(KEYWORD_HANZI.charAt((int) (rest % KEYWORD_HANZI.length())));
        rest /= KEYWORD_HANZI.length();
      }
      if (rest > 0) {
        word.append(KEYWORD_HANZI.charAt((int) (rest % KEYWORD_HANZI.length())));
      }
    }
    return word.toString();
  }

  /** Whether the text is Latin (disguises like look-alikes and leetspeak apply). */
  static boolean isLatin(String keyword) {
    return keyword.chars().allMatch(c -> c < 0x80);
  }
}
