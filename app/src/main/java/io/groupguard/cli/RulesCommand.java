package io.groupguard.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code groupguard rules ...}: rules as files in review, tried offline, applied and listed live. */
@Command(name = "rules", mixinStandardHelpOptions = true,
    description = "Moderation rules: try them offline, apply a file of rules, list the rules in force.",
    subcommands = {RulesTestCommand.class, RulesApplyCommand.class, RulesListCommand.class})
final class RulesCommand implements Runnable {

  @Spec
  CommandSpec spec;

  @Override
  public void run() {
    throw new ParameterException(spec.commandLine(), "Missing subcommand: test, apply or list");
  }
}
