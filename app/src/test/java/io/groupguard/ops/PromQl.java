package io.groupguard.ops;

import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Finds the metric names a PromQL expression (possibly with Grafana variables) selects. */
final class PromQl {

  private static final Pattern STRING = Pattern.compile("\"(?:[^\"\\\\]|\\\\.)*\"|'(?:[^'\\\\]|\\\\.)*'|`[^`]*`");
  private static final Pattern GRAFANA_VARIABLE = Pattern.compile("\\$\\{?\\w+}?");
  private static final Pattern LABEL_MATCHERS = Pattern.compile("\\{[^}]*}");
  private static final Pattern RANGE = Pattern.compile("\\[[^]]*]");
  private static final Pattern GROUPING =
      Pattern.compile("\\b(?:by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)");
  // An identifier that is not part of a number or duration and not called like a function.
  private static final Pattern IDENTIFIER = Pattern.compile("(?<![\\w.])([a-zA-Z_:][a-zA-Z0-9_:]*+)(?!\\s*\\()");
  private static final Set<String> KEYWORDS = Set.of(
      "and", "or", "unless", "bool", "offset", "by", "without", "on", "ignoring", "group_left", "group_right",
      "inf", "nan", "atan2");

  private PromQl() {
  }

  static Set<String> metricNames(String expression) {
    String stripped = STRING.matcher(expression).replaceAll(" ");
    stripped = GRAFANA_VARIABLE.matcher(stripped).replaceAll(" ");
    stripped = LABEL_MATCHERS.matcher(stripped).replaceAll(" ");
    stripped = RANGE.matcher(stripped).replaceAll(" ");
    stripped = GROUPING.matcher(stripped).replaceAll(" ");
    Set<String> names = new TreeSet<>();
    Matcher identifiers = IDENTIFIER.matcher(stripped);
    while (identifiers.find()) {
      String name = identifiers.group(1);
      if (!KEYWORDS.contains(name.toLowerCase())) {
        names.add(name);
      }
    }
    return names;
  }
}
