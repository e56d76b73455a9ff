package io.groupguard.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every relative link of the README, docs/ and scripts/ Markdown leads to a file and, for an anchor, to a heading. */
class DocLinksTest {

  private static final DeploymentFiles REPOSITORY = DeploymentFiles.locate();

  @Test
  void everyRelativeLinkOfTheDocumentationResolves() throws IOException {
    List<Path> files = documentation();
    assertThat(files).contains(REPOSITORY.resolve("README.md"), REPOSITORY.resolve("docs/configuration.md"));
    assertThat(new MarkdownLinks().brokenLinks(files)).isEmpty();
  }

  @Test
  void reportsAMissingFileAndAMissingAnchorButNotLinksInCodeOrToOtherSites(@TempDir Path dir) throws IOException {
    Files.createDirectories(dir.resolve("docs"));
    Files.writeString(dir.resolve("docs/guide.md"), """
        # Guide
        ## Where it stands
        ## Where it stands
        ### `rules test` — offline
        """);
    Path readme = dir.resolve("README.md");
    Files.writeString(readme, """
        [ok](docs/guide.md#where-it-stands) [ok](docs/guide.md#where-it-stands-1) [ok](docs/guide.md#rules-test--offline)
        [ok](docs/) [ok](https://example.org/missing.md) [ok](#local)
        <a id="local"></a>
        [missing file](docs/gone.md) [missing anchor](docs/guide.md#nowhere)
        `[in code](docs/gone-in-code.md)`
        ```
        [in a fence](docs/gone-in-fence.md)
        ```
        """);

    assertThat(new MarkdownLinks().brokenLinks(List.of(readme))).containsExactly(
        readme + ": docs/gone.md (no such file)",
        readme + ": docs/guide.md#nowhere (no heading with this anchor)");
  }

  @Test
  void slugsHeadingsAsGitHubDoes() {
    assertThat(MarkdownLinks.slug("Operating it")).isEqualTo("operating-it");
    assertThat(MarkdownLinks.slug("Analyst stream: hourly violation counts")).isEqualTo("analyst-stream-hourly-violation-counts");
    assertThat(MarkdownLinks.slug("Docker Compose: everything on one machine")).isEqualTo("docker-compose-everything-on-one-machine");
    assertThat(MarkdownLinks.slug("See [the guide](docs/guide.md), `v2`")).isEqualTo("see-the-guide-v2");
  }

  /** README.md, docs/*.md and every Markdown file under scripts/ outside installed npm packages. */
  private static List<Path> documentation() throws IOException {
    List<Path> files = new ArrayList<>(List.of(REPOSITORY.resolve("README.md")));
    for (String dir : List.of("docs", "scripts")) {
      try (Stream<Path> walk = Files.walk(REPOSITORY.resolve(dir))) {
        walk.filter(file -> file.toString().endsWith(".md"))
            .filter(file -> !file.toString().contains("node_modules"))
            .sorted()
            .forEach(files::add);
      }
    }
    return files;
  }
}
