package io.groupguard.it;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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
  /** GroupGuardApp logs where it serves its endpoints once it has started. */
  private static final Pattern HTTP_URL = Pattern.compile("health, metrics and queries at (http://\\S+)");

  private final String name;
  private final Path configFile;
  private final Path logFile;
  private Process process;
  private int starts;
  private long startNanos;
  private long logLengthAtStart;

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
      logLengthAtStart = Files.exists(logFile) ? Files.size(logFile) : 0;
      startNanos = System.nanoTime();
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

  /**
   * SIGTERM: the shutdown hook closes Kafka Streams cleanly (the instance leaves the group). Sent through the
   * process handle, as {@link Process#destroy()} would also close the child's standard input, which
   * {@link ExitWithParent} takes for the test JVM going away.
   */
  int stop() throws InterruptedException {
    process.toHandle().destroy();
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

  /**
   * Waits until the instance started last answers {@code /ready} (Kafka Streams RUNNING: every task restored,
   * decisions flowing again) and returns the time since its start.
   */
  Duration awaitReady(Duration timeout) {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    RunningApp.await(name + " ready (see " + logFile + ")", () -> httpUrlOfThisStart()
        .map(url -> answersReady(http, url)).orElse(false), timeout);
    return Duration.ofNanos(System.nanoTime() - startNanos);
  }

  private Optional<URI> httpUrlOfThisStart() {
    try (RandomAccessFile log = new RandomAccessFile(logFile.toFile(), "r")) {
      byte[] sinceStart = new byte[(int) Math.max(0, log.length() - logLengthAtStart)];
      log.seek(logLengthAtStart);
      log.readFully(sinceStart);
      Matcher url = HTTP_URL.matcher(new String(sinceStart, StandardCharsets.UTF_8));
      return url.find() ? Optional.of(URI.create(url.group(1))) : Optional.empty();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static boolean answersReady(HttpClient http, URI url) {
    try {
      return http.send(HttpRequest.newBuilder(url.resolve("/ready")).timeout(Duration.ofSeconds(2)).build(),
          HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
    } catch (IOException e) {
      return false; // not listening yet
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** True once the instance has logged {@code text} (e.g. that it started). */
  boolean logContains(String text) {
    try {
      return Files.exists(logFile) && Files.readString(logFile).contains(text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private int awaitExit() throws InterruptedException {
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      throw new AssertionError(name + " did not exit within 60 s");
    }
    return process.exitValue();
  }
}
