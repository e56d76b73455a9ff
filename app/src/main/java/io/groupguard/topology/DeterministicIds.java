package io.groupguard.topology;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Ids derived only from what identifies the input and the decision, so a retry or a
 * replay after a crash yields the same id and executors can drop duplicates.
 */
public final class DeterministicIds {

  // One digest per thread: looking SHA-256 up in the security providers costs more than hashing an id.
  private static final ThreadLocal<MessageDigest> SHA_256 = ThreadLocal.withInitial(DeterministicIds::sha256);

  private DeterministicIds() {
  }

  /** A short hex digest (128 bits of SHA-256) of the parts, prefixed. */
  public static String of(String prefix, String... parts) {
    MessageDigest digest = SHA_256.get(); // digest() below resets it
    for (String part : parts) {
      digest.update(String.valueOf(part).getBytes(StandardCharsets.UTF_8));
      digest.update((byte) 0); // separator that cannot occur in the parts' UTF-8
    }
    return prefix + HexFormat.of().formatHex(digest.digest(), 0, 16);
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }
}
