package io.groupguard.topology.limits;

import io.groupguard.avro.ChatMessage;
import io.groupguard.matching.TextNormalizer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * What "the same content" means for duplicate and flood limits: the text and the card title after the
 * matching normalizer (so case, width, look-alikes, separators, emoji and repeated letters do not make a
 * copy new), the attached links and the mini-program app id, reduced to 64 bits of SHA-256 as 16 hex
 * digits. A message with none of these (an image without caption) has no fingerprint and never counts.
 */
public final class ContentFingerprint {

  private ContentFingerprint() {
  }

  public static Optional<String> of(ChatMessage message) {
    TextNormalizer normalizer = TextNormalizer.get();
    String text = normalizer.normalize(message.getText()).toString();
    String title = normalizer.normalize(message.getMiniProgramTitle()).toString();
    List<String> links = message.getLinks() == null ? List.of() : message.getLinks();
    String appId = message.getMiniProgramAppId() == null ? "" : message.getMiniProgramAppId().strip();
    if (text.isEmpty() && title.isEmpty() && links.isEmpty() && appId.isEmpty()) {
      return Optional.empty();
    }
    MessageDigest digest = sha256();
    update(digest, text);
    update(digest, title);
    for (String link : links) {
      update(digest, link.strip().toLowerCase(Locale.ROOT));
    }
    update(digest, appId);
    return Optional.of(HexFormat.of().formatHex(digest.digest(), 0, Long.BYTES));
  }

  private static void update(MessageDigest digest, String part) {
    digest.update(part.getBytes(StandardCharsets.UTF_8));
    digest.update((byte) 0); // a separator no UTF-8 text contains, so parts cannot run into each other
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }
}
