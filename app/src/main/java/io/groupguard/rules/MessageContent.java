package io.groupguard.rules;

import io.groupguard.avro.ChatMessage;
import io.groupguard.avro.ContentType;
import io.groupguard.matching.ExtractedLink;
import io.groupguard.matching.LinkExtractor;
import io.groupguard.matching.NormalizedText;
import io.groupguard.matching.TextNormalizer;
import java.util.ArrayList;
import java.util.List;

/**
 * What the checks need to know about one message, computed on first use and at most once: the
 * normalized text and the links. Null fields of a malformed message read as empty. Not
 * thread-safe; lives for one evaluation.
 */
final class MessageContent {

  private final ChatMessage message;
  private final TextNormalizer normalizer;
  private NormalizedText normalized;
  private List<ExtractedLink> links;

  MessageContent(ChatMessage message, TextNormalizer normalizer) {
    this.message = message;
    this.normalizer = normalizer;
  }

  String text() {
    return message.getText() == null ? "" : message.getText();
  }

  NormalizedText normalized() {
    if (normalized == null) {
      normalized = normalizer.normalize(text());
    }
    return normalized;
  }

  /** Links of the links field first (no span), then links in the text, in text order. */
  List<ExtractedLink> links() {
    if (links == null) {
      List<ExtractedLink> all = new ArrayList<>();
      if (message.getLinks() != null) {
        message.getLinks().stream().map(LinkExtractor::parse).forEach(all::add);
      }
      all.addAll(LinkExtractor.extract(message.getText()));
      links = all;
    }
    return links;
  }

  ContentType contentType() {
    return message.getContentType() == null ? ContentType.TEXT : message.getContentType();
  }

  boolean hasLink() {
    return contentType() == ContentType.LINK || !links().isEmpty();
  }

  boolean isMiniProgram() {
    return contentType() == ContentType.MINI_PROGRAM || message.getMiniProgramAppId() != null;
  }

  String miniProgramAppId() {
    return message.getMiniProgramAppId();
  }

  ChatMessage message() {
    return message;
  }
}
