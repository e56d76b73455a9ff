package io.groupguard.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code groupguard blacklist ...}: bulk imports and removals. */
@Command(name = "blacklist", mixinStandardHelpOptions = true,
    description = "Blacklists: import entries from a CSV file, remove a member.",
    subcommands = {BlacklistImportCommand.class, BlacklistRemoveCommand.class})
final class BlacklistCommand implements Runnable {

  @Spec
  CommandSpec spec;

  @Override
  public void run() {
    throw new ParameterException(spec.commandLine(), "Missing subcommand: import or remove");
  }
}
