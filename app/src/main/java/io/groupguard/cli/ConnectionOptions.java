package io.groupguard.cli;

import io.groupguard.config.GroupGuardConfig;
import java.nio.file.Path;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * The connection settings every command that talks to a cluster shares with {@code run}: a properties
 * file, then GROUPGUARD_* environment variables (see docs/configuration.md).
 */
final class ConnectionOptions {

  @Option(names = "--config", paramLabel = "FILE",
      description = "Properties file with bootstrap.servers, schema.registry.url, topic names and kafka.* client "
          + "settings; GROUPGUARD_* environment variables override it.")
  Path configFile;

  GroupGuardConfig load() {
    return GroupGuardConfig.load(configFile, System.getenv(), Map.of());
  }

  ClusterConnection connect() {
    return new ClusterConnection(load());
  }
}
