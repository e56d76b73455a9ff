package io.groupguard.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.groupguard.avro.ActionType;
import io.groupguard.avro.ChatMessage;
import io.groupguard.avro.ContentType;
import io.groupguard.avro.ModerationAction;
import io.groupguard.avro.SenderKind;
import io.groupguard.avro.Violation;
import io.groupguard.rules.TestRules;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Arbitrary chat messages — any strings (lone surrogates, control and invisible chars, empty),
 * any timestamps, links and mentions — through the whole topology: nothing escapes as an
 * exception, and one message yields either at most one verdict's worth of output or one dead
 * letter (e.g. an empty sender id cannot name a member), never both.
 */
class TopologyFuzzProperties {

  private static TopologyFixture fixture;

  @BeforeContainer
  static void start() throws Exception {
    fixture = new TopologyFixture();
    fixture.putRule(TestRules.validRule("acme", "words")
        .setKeywords(List.of(TestRules.keyword("idiot"), TestRules.keyword("骗子"), TestRules.keyword("a"))).build());
    fixture.putRule(TestRules.validRule("acme", "links").setKeywords(List.of(TestRules.keyword("zzz")))
        .setLinkWhitelist(List.of("example.com")).setRegexes(List.of("[0-9]{6,}")).build());
  }

  @AfterContainer
  static void stop() {
    fixture.close();
  }

  @Property(tries = 300)
  void anyMessageYieldsOneBoundedDecisionOrOneDeadLetter(@ForAll("messages") ChatMessage message) {
    fixture.send(message);

    List<Violation> violations = fixture.violations.readValuesToList();
    List<ModerationAction> actions = fixture.actions.readValuesToList();
    int deadLetters = fixture.deadLetters.readRecordsToList().size();
    assertThat(deadLetters).isLessThanOrEqualTo(1);
    if (deadLetters == 1) {
      assertThat(violations).isEmpty();
      assertThat(actions).isEmpty();
    }
    // Two rules, at most one finding per kind each, plus a blacklist hit: a small bound, never a flood.
    assertThat(violations.size()).isLessThanOrEqualTo(11);
    // Avro writes strings as UTF-8, so a lone surrogate in an id reaches the app as '?'.
    String sentId = new String(message.getMessageId().getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8);
    assertThat(violations).allSatisfy(v -> assertThat(v.getMessageId()).isEqualTo(sentId));
    // One decision: the message is deleted, plus at most one consequence (none for a muted sender).
    if (violations.isEmpty()) {
      assertThat(actions).isEmpty();
    } else {
      assertThat(actions).filteredOn(a -> a.getType() == ActionType.DELETE_MESSAGE).hasSize(1);
      assertThat(actions).filteredOn(a -> a.getType() != ActionType.DELETE_MESSAGE).hasSizeLessThanOrEqualTo(1);
    }
    assertThat(actions).extracting(ModerationAction::getActionId).doesNotHaveDuplicates();
  }

  @Provide
  Arbitrary<ChatMessage> messages() {
    Arbitrary<String> anyText = Arbitraries.strings().all().ofMaxLength(300);
    Arbitrary<String> words = Arbitraries.of("idiot", "骗子", "i d i o t", "ｉｄｉｏｔ", "http://evil.example.net/x",
        "example.com", "1234567", "", " ", "\u200B", "\uD800", "a");
    Arbitrary<String> text = Arbitraries.oneOf(anyText, words.list().ofMaxSize(8).map(parts -> String.join(" ", parts)));
    Arbitrary<String> id = Arbitraries.oneOf(Arbitraries.strings().all().ofMaxLength(20), Arbitraries.of("acme", "g1", ""));
    Arbitrary<Instant> time = Arbitraries.longs().between(Instant.EPOCH.toEpochMilli(),
        Instant.parse("9999-12-31T23:59:59Z").toEpochMilli()).map(Instant::ofEpochMilli);
    Arbitrary<List<String>> links = Arbitraries.oneOf(anyText, words).list().ofMaxSize(5);
    return Combinators.combine(Arbitraries.of("acme", "other"), id, id, id, text, time, links,
            Arbitraries.of(ContentType.class))
        .as((tenant, group, messageId, sender, body, sendTime, linkList, contentType) -> ChatMessage.newBuilder()
            .setTenantId(tenant).setGroupId(group).setMessageId(messageId).setSenderId(sender)
            .setSenderKind(SenderKind.CUSTOMER).setSendTime(sendTime).setContentType(contentType)
            .setText(body).setLinks(linkList).setMentions(linkList).build());
  }
}
