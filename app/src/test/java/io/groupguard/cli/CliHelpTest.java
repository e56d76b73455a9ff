package io.groupguard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class CliHelpTest {

  @Test
  void everyCommandHasHelpWithADescription() {
    List<List<String>> paths = new ArrayList<>();
    collect(GroupGuardCli.commandLine(), new ArrayList<>(), paths);
    assertThat(paths).extracting(path -> String.join(" ", path)).contains("rules test", "rules apply", "rules list",
        "blacklist import", "blacklist remove", "tail", "pardon", "run", "demo");

    for (List<String> path : paths) {
      List<String> args = new ArrayList<>(path);
      args.add("--help");
      CliRun run = CliRun.of(args.toArray(String[]::new));
      assertThat(run.exitCode()).as(String.join(" ", args)).isZero();
      assertThat(run.out()).as(String.join(" ", args)).contains("Usage: groupguard " + String.join(" ", path))
          .contains("-h, --help");
    }
  }

  @Test
  void everyCommandThatTalksToTheClusterTakesTheSharedConfigOption() {
    for (String[] path : new String[][] {{"run"}, {"rules", "apply"}, {"rules", "list"}, {"blacklist", "import"},
        {"blacklist", "remove"}, {"tail"}, {"pardon"}}) {
      CommandLine command = GroupGuardCli.commandLine();
      for (String name : path) {
        command = command.getSubcommands().get(name);
      }
      assertThat(command.getCommandSpec().findOption("--config")).as(String.join(" ", path)).isNotNull();
    }
  }

  @Test
  void aGroupWithoutASubcommandIsAUsageError() {
    CliRun run = CliRun.of("rules");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("Missing subcommand: test, apply or list");
  }

  private static void collect(CommandLine command, List<String> path, List<List<String>> paths) {
    command.getSubcommands().forEach((name, sub) -> {
      List<String> subPath = new ArrayList<>(path);
      subPath.add(name);
      paths.add(subPath);
      collect(sub, subPath, paths);
    });
  }
}
