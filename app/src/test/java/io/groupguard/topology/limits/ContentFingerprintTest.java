package io.groupguard.topology.limits;

import static org.assertj.core.api.Assertions.assertThat;

import io.groupguard.avro.ChatMessage;
import io.groupguard.avro.ContentType;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ContentFingerprintTest {

  private static ChatMessage.Builder message(String text) {
    return ChatMessage.newBuilder().setTenantId("t").setGroupId("g").setMessageId("m").setSenderId("s")
        .setSendTime(Instant.EPOCH).setText(text);
  }

  private static String fingerprint(ChatMessage.Builder message) {
    return ContentFingerprint.of(message.build()).orElseThrow();
  }

  @Test
  void disguisedCopiesHaveTheSameFingerprint() {
    String plain = fingerprint(message("有人拼桌吗？周六晚上六人桌"));
    assertThat(fingerprint(message("有人拼桌吗 周六晚上六人桌!!"))).isEqualTo(plain);
    assertThat(fingerprint(message("有人拼桌嗎？周六晚上六人桌"))).as("traditional form").isEqualTo(plain);
    assertThat(fingerprint(message("Free GIFT for you"))).isEqualTo(fingerprint(message("ｆｒｅｅ g-i-f-t f0r YOUUU")));
  }

  @Test
  void differentContentHasDifferentFingerprints() {
    assertThat(fingerprint(message("see you at six"))).isNotEqualTo(fingerprint(message("see you at seven")));
    assertThat(fingerprint(message("look").setLinks(List.of("https://a.example/x"))))
        .isNotEqualTo(fingerprint(message("look").setLinks(List.of("https://b.example/x"))));
    assertThat(fingerprint(message(null).setContentType(ContentType.MINI_PROGRAM).setMiniProgramAppId("wx1")))
        .isNotEqualTo(fingerprint(message(null).setContentType(ContentType.MINI_PROGRAM).setMiniProgramAppId("wx2")));
    assertThat(fingerprint(message("ab").setMiniProgramTitle("c")))
        .as("parts do not run into each other").isNotEqualTo(fingerprint(message("a").setMiniProgramTitle("bc")));
  }

  @Test
  void fingerprintIsSixteenHexDigitsAndStable() {
    assertThat(fingerprint(message("hello"))).matches("[0-9a-f]{16}").isEqualTo(fingerprint(message("HELLO")));
  }

  @Test
  void messagesWithoutContentHaveNoFingerprint() {
    assertThat(ContentFingerprint.of(message(null).setContentType(ContentType.IMAGE).build())).isEmpty();
    assertThat(ContentFingerprint.of(message(" 🙂 ... ").build())).isEmpty();
  }
}
