package io.groupguard.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** The npm packages of a Node.js project, installed from its committed lockfile. */
final class NodeModules {

  private static final ObjectMapper JSON = new ObjectMapper();

  private NodeModules() {
  }

  /**
   * Runs {@code npm ci} in {@code project} unless node_modules already holds exactly the locked
   * packages (npm records the installed tree in node_modules/.package-lock.json), so a checkout
   * installs once and again whenever the lockfile changes.
   */
  static void installFromLockfile(Path project) throws Exception {
    if (installedTreeMatchesLockfile(project)) {
      return;
    }
    ChildProcess.Result npm = ChildProcess.run(project, Duration.ofMinutes(5),
        List.of("npm", "ci", "--prefer-offline", "--no-audit", "--no-fund"));
    assertThat(npm.succeeded()).as("npm ci in %s:%n%s", project, npm.output()).isTrue();
  }

  private static boolean installedTreeMatchesLockfile(Path project) throws IOException {
    Path installed = project.resolve("node_modules/.package-lock.json");
    if (!Files.isRegularFile(installed)) {
      return false;
    }
    ObjectNode locked = (ObjectNode) JSON.readTree(project.resolve("package-lock.json").toFile()).get("packages");
    JsonNode present = JSON.readTree(installed.toFile()).get("packages");
    return locked.deepCopy().without("").equals(present); // "" is the project itself
  }
}
