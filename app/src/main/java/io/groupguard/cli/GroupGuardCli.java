package io.groupguard.cli;

import org.apache.kafka.common.config.ConfigException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point of the groupguard jar. */
@Command(name = "groupguard", mixinStandardHelpOptions = true, version = "GroupGuard 0.1.0",
    description = "Kafka Streams moderation for customer chat groups.",
    subcommands = {DemoCommand.class, RunCommand.class, RulesCommand.class, BlacklistCommand.class, TailCommand.class,
        PardonCommand.class, LoadGenCommand.class})
public final class GroupGuardCli {

  /** Exit code of a command given an unusable file or configuration (as for picocli's usage errors). */
  static final int BAD_INPUT = 2;

  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }

  /** The command line with every subcommand; a bad input file or setting prints one clear line and exits with 2. */
  public static CommandLine commandLine() {
    return new CommandLine(new GroupGuardCli()).setExecutionExceptionHandler((error, commandLine, parseResult) -> {
      if (error instanceof InputFileException || error instanceof ConfigException) {
        commandLine.getErr().println("error: " + error.getMessage());
        commandLine.getErr().flush();
        return BAD_INPUT;
      }
      throw error;
    });
  }
}
