package io.groupguard.cli;

import io.groupguard.avro.BlacklistEntry;
import io.groupguard.rules.BlacklistKey;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code groupguard blacklist remove}: takes a member off a blacklist (a tombstone). */
@Command(name = "remove", mixinStandardHelpOptions = true,
    description = "Remove a member from the enterprise blacklist of a tenant, or from an owner's personal one "
        + "(--owner).")
final class BlacklistRemoveCommand implements Callable<Integer> {

  @Option(names = "--tenant", required = true, paramLabel = "T", description = "Tenant.")
  String tenant;

  @Option(names = "--member", required = true, paramLabel = "M", description = "Member to remove.")
  String member;

  @Option(names = "--owner", paramLabel = "O",
      description = "Owner of the personal blacklist; without it, the enterprise blacklist.")
  String owner;

  @Mixin
  ConnectionOptions connectionOptions;

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() {
    String key;
    try {
      key = (owner == null ? BlacklistKey.enterprise(tenant, member) : BlacklistKey.personal(tenant, owner, member))
          .format();
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage(), e, null, null);
    }
    CliLogging.quietKafka();
    try (ClusterConnection connection = connectionOptions.connect();
        RecordPublisher publisher = new RecordPublisher(connection.producerSettings(Map.of()))) {
      publisher.send(connection.topics().blacklist(), key, null, System.currentTimeMillis());
      publisher.flush();
    }
    spec.commandLine().getOut().println("removal of " + key + " published; GroupGuard applies it within moments");
    spec.commandLine().getOut().flush();
    return 0;
  }
}
