package io.groupguard.ops;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds relative Markdown links that lead nowhere: a missing file or directory, or an anchor
 * that is no heading of the Markdown file it points into (headings slugged as GitHub does).
 */
final class MarkdownLinks {

  /** Inline links and images, {@code [text](target)} or {@code [text](target "title")}. */
  private static final Pattern INLINE_LINK = Pattern.compile("!?\\[[^\\]]*\\]\\(\\s*<?([^)\\s>]*)>?(?:\\s+\"[^\"]*\")?\\s*\\)");
  private static final Pattern REFERENCE_DEFINITION = Pattern.compile("^ {0,3}\\[[^\\]]+\\]:\\s*<?([^\\s>]+)>?");
  private static final Pattern CODE_SPAN = Pattern.compile("(`+)[^`].*?\\1|``");
  private static final Pattern HEADING = Pattern.compile("^ {0,3}#{1,6}\\s+(.*?)\\s*#*\\s*$");
  private static final Pattern HTML_ANCHOR = Pattern.compile("<a\\s+(?:name|id)=\"([^\"]+)\"");
  private static final Pattern SCHEME = Pattern.compile("^[a-zA-Z][a-zA-Z0-9+.-]*:");
  private static final Pattern FENCE = Pattern.compile("^ {0,3}(```|~~~)");

  private final Map<Path, Set<String>> anchorsByFile = new HashMap<>();

  /** Every broken relative link of the given Markdown files, as "file: target (reason)". */
  List<String> brokenLinks(List<Path> markdownFiles) {
    List<String> broken = new ArrayList<>();
    for (Path file : markdownFiles) {
      for (String target : relativeTargets(file)) {
        String problem = problem(file, target);
        if (problem != null) {
          broken.add(file + ": " + target + " (" + problem + ")");
        }
      }
    }
    return broken;
  }

  private String problem(Path file, String target) {
    int hash = target.indexOf('#');
    String path = hash < 0 ? target : target.substring(0, hash);
    String anchor = hash < 0 ? null : target.substring(hash + 1);
    Path resolved = path.isEmpty() ? file : file.getParent().resolve(URLDecoder.decode(path, StandardCharsets.UTF_8)).normalize();
    if (!Files.exists(resolved)) {
      return "no such file";
    }
    if (anchor != null && resolved.toString().endsWith(".md") && !anchors(resolved).contains(anchor)) {
      return "no heading with this anchor";
    }
    return null;
  }

  private static List<String> relativeTargets(Path file) {
    List<String> targets = new ArrayList<>();
    for (String line : proseLines(file)) {
      String prose = CODE_SPAN.matcher(line).replaceAll("");
      collect(INLINE_LINK.matcher(prose), targets);
      collect(REFERENCE_DEFINITION.matcher(prose), targets);
    }
    targets.removeIf(target -> target.isEmpty() || SCHEME.matcher(target).find());
    return targets;
  }

  private static void collect(Matcher matcher, List<String> targets) {
    while (matcher.find()) {
      targets.add(matcher.group(1));
    }
  }

  private Set<String> anchors(Path markdownFile) {
    return anchorsByFile.computeIfAbsent(markdownFile, MarkdownLinks::readAnchors);
  }

  private static Set<String> readAnchors(Path markdownFile) {
    Set<String> anchors = new HashSet<>();
    Map<String, Integer> seen = new HashMap<>();
    for (String line : proseLines(markdownFile)) {
      Matcher heading = HEADING.matcher(line);
      if (heading.matches()) {
        String slug = slug(heading.group(1));
        int earlier = seen.merge(slug, 1, Integer::sum) - 1;
        anchors.add(earlier == 0 ? slug : slug + "-" + earlier);
      }
      Matcher html = HTML_ANCHOR.matcher(line);
      while (html.find()) {
        anchors.add(html.group(1));
      }
    }
    return anchors;
  }

  /**
   * GitHub's heading anchor: the heading's text (link targets and formatting marks left out)
   * in lower case, without punctuation and symbols, each space a hyphen.
   */
  static String slug(String heading) {
    String text = heading.replaceAll("\\[([^\\]]*)\\]\\([^)]*\\)", "$1").toLowerCase(Locale.ROOT);
    StringBuilder slug = new StringBuilder();
    text.codePoints().forEach(c -> {
      if (c == ' ') {
        slug.append('-');
      } else if (c == '-' || c == '_' || Character.isLetterOrDigit(c) || Character.getType(c) == Character.NON_SPACING_MARK) {
        slug.appendCodePoint(c);
      }
    });
    return slug.toString();
  }

  /** The file's lines outside fenced code blocks. */
  private static List<String> proseLines(Path file) {
    List<String> prose = new ArrayList<>();
    boolean inFence = false;
    try {
      for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
        if (FENCE.matcher(line).find()) {
          inFence = !inFence;
        } else if (!inFence) {
          prose.add(line);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return prose;
  }
}
