package io.groupguard.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point of the groupguard jar. */
@Command(name = "groupguard", mixinStandardHelpOptions = true, version = "GroupGuard 0.1.0",
    description = "Kafka Streams moderation for customer chat groups.",
    subcommands = {DemoCommand.class, RunCommand.class, LoadGenCommand.class})
public final class GroupGuardCli {

  public static void main(String[] args) {
    System.exit(new CommandLine(new GroupGuardCli()).execute(args));
  }
}
