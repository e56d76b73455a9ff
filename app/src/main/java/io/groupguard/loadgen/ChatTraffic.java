package io.groupguard.loadgen;

import io.groupguard.avro.ChatMessage;
import io.groupguard.avro.ContentType;
import io.groupguard.avro.SenderKind;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Realistic, seeded chat traffic for a {@link LoadProfile}: Zipf-distributed member and group
 * activity, 20-200 character messages in Chinese, English or both, and a share of spam —
 * rule keywords in disguise, links to hosts outside the rules' whitelists, blacklisted senders,
 * and flood campaigns (one ad from many members across groups) — plus members repeating
 * themselves. The same profile yields the same messages in the same order; only the send time
 * comes from the caller.
 */
public final class ChatTraffic {

  /** What a generated message is meant to be; the moderation outcome is decided by GroupGuard. */
  public enum Kind { CLEAN, KEYWORD_SPAM, LINK_SPAM, FLOOD, BLACKLISTED_SENDER, DUPLICATE }

  /** A generated message and what it was meant to be. */
  public record Generated(ChatMessage message, Kind kind) {
  }

  private static final int RECENT = 64;
  private static final int FLOOD_MEMBERS = 20;
  /** Chance that a spam message starts a campaign: 20 posts x 0.5% ~ a tenth of all spam. */
  private static final double FLOOD_START = 0.005;

  private final LoadProfile profile;
  private final RuleGenerator rules;
  private final SplittableRandom random;
  private final ZipfSampler members;
  private final ZipfSampler groups;
  private final List<ChatMessage> recent = new ArrayList<>(RECENT);
  private long sequence;
  private String floodText;
  private int floodLeft;

  public ChatTraffic(LoadProfile profile) {
    this.profile = profile;
    this.rules = new RuleGenerator(profile);
    this.random = new SplittableRandom(profile.seed());
    this.members = new ZipfSampler(profile.membersPerTenant(), 1.0);
    this.groups = new ZipfSampler(profile.groupsPerTenant(), 0.8);
  }

  /** The next message, sent at {@code sendTime}. */
  public Generated next(Instant sendTime) {
    double roll = random.nextDouble();
    Generated generated;
    if (roll < profile.duplicateShare() && !recent.isEmpty()) {
      generated = duplicate(sendTime);
    } else if (roll < profile.duplicateShare() + profile.spamShare()) {
      generated = floodLeft > 0 ? flood(sendTime) : spam(sendTime); // a campaign's posts come out of the spam share
    } else {
      generated = new Generated(base(randomTenant(), groups.sample(random), memberId(), sendTime)
          .setText(text(random.nextInt(20, 201), null)).build(), Kind.CLEAN);
    }
    remember(generated.message());
    return generated;
  }

  /**
   * Keyword spam (about 60%), foreign links (20%), blacklisted senders (20%), and now and then a
   * flood campaign whose {@value #FLOOD_MEMBERS} posts make up about a tenth of the spam.
   */
  private Generated spam(Instant sendTime) {
    int tenant = randomTenant();
    double kind = random.nextDouble();
    if (kind < FLOOD_START) {
      floodText = text(random.nextInt(40, 120), "加微信 vx" + random.nextInt(100_000) + " 领红包");
      floodLeft = FLOOD_MEMBERS;
      return flood(sendTime);
    }
    if (kind < 0.6 && profile.rulesOf(tenant) > 0) {
      int rule = random.nextInt(profile.rulesOf(tenant));
      String keyword = rules.keyword(rule, random.nextInt(profile.keywordsPerRule()));
      int group = rules.groupOfRule(rule, random.nextInt(Math.min(profile.groupsPerRule(), profile.groupsPerTenant())));
      String disguised = Disguise.random(random).apply(keyword, random);
      return new Generated(base(tenant, group, memberId(), sendTime)
          .setText(text(random.nextInt(20, 201), disguised)).build(), Kind.KEYWORD_SPAM);
    }
    if (kind < 0.8 || profile.blacklistOf(tenant) == 0) {
      String link = "http://deal" + random.nextInt(1000) + ".example.net/p/" + random.nextInt(100_000);
      return new Generated(base(tenant, groups.sample(random), memberId(), sendTime).setContentType(ContentType.LINK)
          .setText(text(random.nextInt(20, 120), link)).setLinks(List.of(link)).build(), Kind.LINK_SPAM);
    }
    String sender = LoadProfile.blacklistedMemberId(random.nextLong(profile.blacklistOf(tenant)));
    return new Generated(base(tenant, groups.sample(random), sender, sendTime)
        .setText(text(random.nextInt(20, 201), null)).build(), Kind.BLACKLISTED_SENDER);
  }

  /** One post of the running campaign: same text, a different member and group each time. */
  private Generated flood(Instant sendTime) {
    floodLeft--;
    return new Generated(base(randomTenant(), random.nextInt(profile.groupsPerTenant()),
        LoadProfile.memberId(random.nextInt(profile.membersPerTenant())), sendTime).setText(floodText).build(), Kind.FLOOD);
  }

  private Generated duplicate(Instant sendTime) {
    ChatMessage original = recent.get(random.nextInt(recent.size()));
    return new Generated(ChatMessage.newBuilder(original).setMessageId(nextMessageId()).setSendTime(sendTime).build(),
        Kind.DUPLICATE);
  }

  private ChatMessage.Builder base(int tenant, int group, String sender, Instant sendTime) {
    return ChatMessage.newBuilder()
        .setTenantId(profile.tenantId(tenant))
        .setGroupId(LoadProfile.groupId(group))
        .setGroupOwnerId("owner-" + group % 97)
        .setMessageId(nextMessageId())
        .setSenderId(sender)
        .setSenderKind(SenderKind.CUSTOMER)
        .setSendTime(sendTime)
        .setContentType(ContentType.TEXT);
  }

  /** About {@code length} characters of chat, with {@code insert} (a keyword, link, ad) somewhere inside. */
  private String text(int length, String insert) {
    boolean chinese = random.nextDouble() < profile.chineseShare();
    boolean mixed = random.nextInt(10) == 0;
    StringBuilder text = new StringBuilder(length + 16);
    int insertAt = insert == null ? -1 : random.nextInt(Math.max(1, length - insert.length()));
    while (text.length() < length) {
      if (insertAt >= 0 && text.length() >= insertAt) {
        text.append(' ').append(insert).append(' ');
        insertAt = -1;
      }
      boolean chineseWord = mixed ? random.nextBoolean() : chinese;
      text.append(Vocabulary.cleanWord(random, chineseWord)).append(chineseWord ? "" : " ");
    }
    if (insertAt >= 0) {
      text.append(' ').append(insert);
    }
    return text.toString().strip();
  }

  private int randomTenant() {
    return random.nextInt(profile.tenants());
  }

  private String memberId() {
    return LoadProfile.memberId(members.sample(random));
  }

  private String nextMessageId() {
    return "msg-" + profile.seed() + "-" + sequence++;
  }

  private void remember(ChatMessage message) {
    if (recent.size() < RECENT) {
      recent.add(message);
    } else {
      recent.set(random.nextInt(RECENT), message);
    }
  }
}
