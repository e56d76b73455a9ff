package io.groupguard.rules;

import io.groupguard.avro.ModerationRule;
import io.groupguard.avro.ViolationKind;
import io.groupguard.matching.ExtractedLink;
import io.groupguard.matching.LinkWhitelist;

/** A rule's link whitelist: the first link (links field, then text order) not on it violates. */
final class LinkCheck implements StatelessCheck {

  static final String MATCHED_PATTERN = "linkWhitelist";

  private final ModerationRule rule;
  private final LinkWhitelist whitelist;

  LinkCheck(ModerationRule rule, LinkWhitelist whitelist) {
    this.rule = rule;
    this.whitelist = whitelist;
  }

  @Override
  public Finding check(MessageContent content) {
    for (ExtractedLink link : content.links()) {
      if (whitelist.allowing(link).isEmpty()) {
        String host = link.host() == null ? "an unreadable host" : "host '" + link.host() + "'";
        String detail = "link to " + host + " is not on the rule's link whitelist"
            + (whitelist.isLookAlike(link) ? " (look-alike of a whitelisted host)" : "");
        return new Finding(ViolationKind.LINK, rule, link.asWritten(), MATCHED_PATTERN, link.start(), link.end(), detail);
      }
    }
    return null;
  }
}
