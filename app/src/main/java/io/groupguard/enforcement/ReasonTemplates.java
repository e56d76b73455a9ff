package io.groupguard.enforcement;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

/**
 * Member-facing sentence templates in one language: the bundled ones
 * ({@code reasons/reasons_<lang>.properties}, UTF-8) with a tenant's overrides on top.
 * Placeholders are written {@code {name}}; unknown placeholders stay as written.
 */
public final class ReasonTemplates {

  public static final Set<String> LANGUAGES = Set.of("en", "zh");
  private static final Map<String, Map<String, String>> BUNDLED = Map.of("en", load("en"), "zh", load("zh"));

  private final String language;
  private final Map<String, String> templates;

  private ReasonTemplates(String language, Map<String, String> templates) {
    this.language = language;
    this.templates = Map.copyOf(templates);
  }

  public static ReasonTemplates bundled(String language) {
    Map<String, String> templates = BUNDLED.get(language);
    if (templates == null) {
      throw new IllegalArgumentException("no reason templates for language '" + language + "'; expected one of " + LANGUAGES);
    }
    return new ReasonTemplates(language, templates);
  }

  /** These templates with some replaced; only keys of the bundled set may be overridden, so typos fail loudly. */
  public ReasonTemplates withOverrides(Map<String, String> overrides) {
    if (overrides.isEmpty()) {
      return this;
    }
    Map<String, String> merged = new HashMap<>(templates);
    overrides.forEach((key, template) -> {
      if (!templates.containsKey(key)) {
        throw new IllegalArgumentException("unknown reason template '" + key + "'");
      }
      merged.put(key, template);
    });
    return new ReasonTemplates(language, merged);
  }

  public String language() {
    return language;
  }

  /** The template of that key with the placeholders filled in. */
  public String render(String key, Map<String, String> values) {
    String template = templates.get(key);
    if (template == null) {
      throw new IllegalArgumentException("no reason template '" + key + "' for language " + language);
    }
    StringBuilder text = new StringBuilder(template);
    values.forEach((name, value) -> replaceAll(text, "{" + name + "}", value));
    return text.toString();
  }

  /** A mute length in words: whole days, else whole hours, else minutes (rounded up). */
  public String duration(Duration length) {
    long seconds = length.toSeconds();
    if (seconds % 86_400 == 0) {
      return count("duration.days", seconds / 86_400);
    }
    if (seconds % 3_600 == 0) {
      return count("duration.hours", seconds / 3_600);
    }
    return count("duration.minutes", (seconds + 59) / 60);
  }

  private String count(String key, long n) {
    return render(key + (n == 1 ? ".one" : ".other"), Map.of("n", Long.toString(n)));
  }

  private static void replaceAll(StringBuilder text, String placeholder, String value) {
    int at = text.indexOf(placeholder);
    while (at >= 0) {
      text.replace(at, at + placeholder.length(), value);
      at = text.indexOf(placeholder, at + value.length());
    }
  }

  private static Map<String, String> load(String language) {
    String resource = "/reasons/reasons_" + language + ".properties";
    try (InputStream in = ReasonTemplates.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + resource);
      }
      Properties properties = new Properties();
      properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
      Map<String, String> templates = new HashMap<>();
      properties.stringPropertyNames().forEach(key -> templates.put(key, properties.getProperty(key)));
      return templates;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + resource, e);
    }
  }
}
