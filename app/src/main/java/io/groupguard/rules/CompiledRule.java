package io.groupguard.rules;

import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import io.groupguard.avro.ModerationRule;
import io.groupguard.matching.LinkWhitelist;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** One enabled rule with its non-keyword checks compiled, in the order their findings are reported. */
final class CompiledRule {

  private final ModerationRule rule;
  private final Set<String> exemptMembers;
  private final List<StatelessCheck> checks;

  CompiledRule(ModerationRule rule) {
    this.rule = rule;
    this.exemptMembers = new HashSet<>(rule.getExemptMembers());
    this.checks = compileChecks(rule);
  }

  private static List<StatelessCheck> compileChecks(ModerationRule rule) {
    List<StatelessCheck> checks = new ArrayList<>();
    for (String regex : rule.getRegexes()) {
      try {
        checks.add(new PatternCheck(rule, regex, Pattern.compile(regex)));
      } catch (PatternSyntaxException invalid) {
        // Rules are validated before they get here; an invalid regex can never match anything.
      }
    }
    if (rule.getLinkWhitelist() != null) {
      checks.add(new LinkCheck(rule, new LinkWhitelist(rule.getLinkWhitelist())));
    }
    if (rule.getMiniProgramWhitelist() != null) {
      checks.add(new MiniProgramCheck(rule, Set.copyOf(rule.getMiniProgramWhitelist())));
    }
    if (!rule.getSenderRestrictions().isEmpty()) {
      checks.add(new SenderRestrictionCheck(rule, rule.getSenderRestrictions()));
    }
    return List.copyOf(checks);
  }

  ModerationRule rule() {
    return rule;
  }

  /** Whether the rule has checks other than keywords (which are matched tenant-wide at once). */
  boolean hasChecks() {
    return !checks.isEmpty();
  }

  boolean hasExemptMembers() {
    return !exemptMembers.isEmpty();
  }

  boolean exempts(String senderId) {
    return !exemptMembers.isEmpty() && senderId != null && exemptMembers.contains(senderId);
  }

  /**
   * Findings of the non-keyword checks: the first match of each kind (several regexes of a rule
   * give one REGEX finding).
   */
  void check(MessageContent content, List<Finding> findings) {
    int firstOfRule = findings.size();
    for (StatelessCheck check : checks) {
      Finding finding = check.check(content);
      if (finding != null && !hasKind(findings, firstOfRule, finding)) {
        findings.add(finding);
      }
    }
  }

  private static boolean hasKind(List<Finding> findings, int from, Finding finding) {
    for (int i = from; i < findings.size(); i++) {
      if (findings.get(i).kind() == finding.kind()) {
        return true;
      }
    }
    return false;
  }
}
