package io.groupguard.config;

import java.util.stream.Collectors;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.ConfigKey;

/** Renders the configuration reference table (docs/configuration.md) from the ConfigDef, so the two cannot drift. */
public final class ConfigDocs {

  public static final String BEGIN_MARKER = "<!-- config-table:begin (generated from GroupGuardConfig; do not edit) -->";
  public static final String END_MARKER = "<!-- config-table:end -->";

  private ConfigDocs() {
  }

  public static String markdownTable(ConfigDef definition) {
    String rows = definition.configKeys().values().stream()
        .map(ConfigDocs::row)
        .collect(Collectors.joining("\n"));
    return "| key | env | default | valid values | description |\n|---|---|---|---|---|\n" + rows + "\n";
  }

  private static String row(ConfigKey key) {
    String env = GroupGuardConfig.ENV_PREFIX + key.name.toUpperCase(java.util.Locale.ROOT).replace('.', '_');
    String defaultValue = !key.hasDefault() ? "(required)" : key.defaultValue == null ? "" : String.valueOf(key.defaultValue);
    String valid = key.validator == null ? key.type.name().toLowerCase(java.util.Locale.ROOT) : key.validator.toString();
    return "| `" + key.name + "` | `" + env + "` | " + code(defaultValue) + " | " + escape(valid) + " | "
        + escape(key.documentation) + " |";
  }

  private static String code(String value) {
    return value.isEmpty() ? "" : "`" + value + "`";
  }

  private static String escape(String text) {
    return text.replace("|", "\\|").replace("\n", " ");
  }

  /** Prints the table, for scripts/regenerate-docs.sh to put between the markers of docs/configuration.md. */
  public static void main(String[] args) {
    System.out.print(markdownTable(GroupGuardConfig.DEFINITION));
  }
}
