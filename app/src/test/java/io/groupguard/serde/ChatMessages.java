package io.groupguard.serde;

import io.groupguard.avro.ChatMessage;
import io.groupguard.avro.ContentType;
import io.groupguard.avro.SenderKind;
import java.time.Instant;
import java.util.List;

/** Sample chat messages for serde tests. */
final class ChatMessages {

  private ChatMessages() {}

  static ChatMessage sample() {
    return ChatMessage.newBuilder()
        .setTenantId("acme")
        .setGroupId("g-1")
        .setGroupOwnerId("owner-7")
        .setMessageId("m-42")
        .setSenderId("u-9")
        .setSenderKind(SenderKind.CUSTOMER)
        .setSenderRoles(List.of("vip"))
        .setSendTime(Instant.parse("2024-05-01T08:30:00.123Z"))
        .setContentType(ContentType.TEXT)
        .setText("加我微信 buy cheap stuff https://spam.example")
        .setLinks(List.of("https://spam.example"))
        .setMentions(List.of("u-1", "u-2"))
        .build();
  }
}
