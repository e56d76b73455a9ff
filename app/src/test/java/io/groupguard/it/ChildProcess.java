package io.groupguard.it;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A command run to its end (or its timeout) in a directory; never outlives the call. */
final class ChildProcess {

  /** How a run ended: {@code exited} false means it was killed at the timeout. */
  record Result(boolean exited, int exitCode, String output) {

    boolean succeeded() {
      return exited && exitCode == 0;
    }
  }

  private ChildProcess() {
  }

  /**
   * Runs {@code command} in {@code directory} with stdout and stderr together. Its stdin stays a
   * pipe from this JVM, so a child that exits when its stdin closes also dies with this JVM.
   */
  static Result run(Path directory, Duration timeout, List<String> command)
      throws IOException, InterruptedException {
    Path output = Files.createTempFile("child-process-", ".out");
    Process process = new ProcessBuilder(command).directory(directory.toFile())
        .redirectErrorStream(true).redirectOutput(output.toFile()).start();
    try {
      boolean exited = process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
      return new Result(exited, exited ? process.exitValue() : -1, Files.readString(output, StandardCharsets.UTF_8));
    } finally {
      // npm runs scripts through a shell: its descendants go too, before their parent.
      process.descendants().forEach(ProcessHandle::destroyForcibly);
      process.destroyForcibly();
      Files.deleteIfExists(output);
    }
  }
}
