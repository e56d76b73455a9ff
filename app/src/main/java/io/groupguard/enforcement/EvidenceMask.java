package io.groupguard.enforcement;

/** Masks offending text for member-facing reasons: "fuck" becomes "f**k", so the reason does not repeat the insult. */
public final class EvidenceMask {

  private EvidenceMask() {
  }

  public static String mask(String evidence) {
    if (evidence == null || evidence.isEmpty()) {
      return "";
    }
    int[] codePoints = evidence.codePoints().toArray();
    if (codePoints.length <= 2) {
      return new String(codePoints, 0, 1) + "*".repeat(codePoints.length - 1);
    }
    return new String(codePoints, 0, 1) + "*".repeat(codePoints.length - 2)
        + new String(codePoints, codePoints.length - 1, 1);
  }
}
