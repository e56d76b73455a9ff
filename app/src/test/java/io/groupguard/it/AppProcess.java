package io.groupguard.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/**
 * A GroupGuard instance in its own JVM ({@code GroupGuardCli run --config FILE}), as in production,
 * so that it can be killed with SIGKILL: no shutdown hook, no flush, no transaction commit.
 * Restarting reuses the same configuration and state directory, like a restarted pod. The child ends
 * with the test: {@link #close()} kills it, and it halts by itself when the test JVM goes away
 * ({@link ExitWithParent}).
 */
final class AppProcess implements AutoCloseable {

  /** Exit status of a JVM killed by SIGKILL (128 + 9). */
  static final int SIGKILL_EXIT = 137;

  private static final String LOG_CONFIG = "logback-app-process.xml";

  private final String name;
  private final Path configFile;
  private final Path logFile;
  private Process process;
  private int starts;

  AppProcess(String name, Map<String, Object> config, Path workDir) {
    this.name = name;
    this.configFile = workDir.resolve(name + ".properties");
    this.logFile = workDir.resolve(name + ".log");
    Properties properties = new Properties();
    config.forEach((key, value) -> properties.setProperty(key, String.valueOf(value)));
    try (var out = Files.newBufferedWriter(configFile)) {
      properties.store(out, "GroupGuard instance " + name);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  void start() {
    if (process != null && process.isAlive()) {
      throw new IllegalStateException(name + " is already running");
    }
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    ProcessBuilder builder = new ProcessBuilder(List.of(java, "-Xmx384m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
        "-Dlogback.configurationFile=" + LOG_CONFIG, "-cp", System.getProperty("java.class.path"), ExitWithParent.class.getName(), "run", "--config", configFile.toString()))
        .redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()));
    try {
      process = builder.start();
      starts++;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start " + name, e);
    }
  }

  /** SIGKILL (Process.destroyForcibly on Linux), then waits for the process to be gone; returns its exit status. */
  int kill() throws InterruptedException {
    process.destroyForcibly();
    return awaitExit();
  }

  /** SIGTERM: the shutdown hook closes Kafka Streams cleanly (the instance leaves the group). */
  int stop() throws InterruptedException {
    process.destroy();
    return awaitExit();
  }

  /** Kills the child if it still runs: a failed test leaves no JVM behind. */
  @Override
  public void close() throws InterruptedException {
    if (isAlive()) {
      kill();
    }
  }

  boolean isAlive() {
    return process != null && process.isAlive();
  }

  int starts() {
    return starts;
  }

  Path logFile() {
    return logFile;
  }

  private int awaitExit() throws InterruptedException {
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      throw new AssertionError(name + " did not exit within 60 s");
    }
    return process.exitValue();
  }
}
