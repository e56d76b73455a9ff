package io.groupguard.it;

import io.groupguard.cli.GroupGuardCli;
import java.io.IOException;
import java.io.InputStream;

/**
 * Main class of a GroupGuard child JVM started by a test: runs {@link GroupGuardCli} and halts as soon as its
 * standard input reaches end of file. The test JVM holds the other end of that pipe, and the operating system
 * closes it however the test JVM ends (even by SIGKILL), so a child never outlives the test that started it.
 */
public final class ExitWithParent {

  /** Exit status of a child that halted because its parent went away. */
  static final int PARENT_GONE_EXIT = 3;

  private ExitWithParent() {
  }

  public static void main(String[] args) {
    Thread watcher = new Thread(() -> {
      try (InputStream parent = System.in) {
        while (parent.read() >= 0) {
          // the parent never writes; anything it does write is ignored
        }
      } catch (IOException e) {
        // a broken pipe means the same as end of file
      }
      Runtime.getRuntime().halt(PARENT_GONE_EXIT);
    }, "exit-with-parent");
    watcher.setDaemon(true);
    watcher.start();
    GroupGuardCli.main(args);
  }
}
