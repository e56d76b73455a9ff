package io.groupguard.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GroupGuardConfigTest {

  private static final Path CONFIGURATION_DOC = Path.of("..", "docs", "configuration.md");

  @Test
  void configurationDocTableIsGeneratedFromTheConfigDef() throws Exception {
    String doc = Files.readString(CONFIGURATION_DOC);
    int begin = doc.indexOf(ConfigDocs.BEGIN_MARKER);
    int end = doc.indexOf(ConfigDocs.END_MARKER);
    assertThat(begin).as("docs/configuration.md has the config-table markers").isNotNegative();
    assertThat(end).isGreaterThan(begin);
    String table = doc.substring(begin + ConfigDocs.BEGIN_MARKER.length(), end).strip();
    assertThat(table)
        .as("docs/configuration.md's table; regenerate with: ./scripts/regenerate-docs.sh")
        .isEqualTo(ConfigDocs.markdownTable(GroupGuardConfig.DEFINITION).strip());
  }

  @Test
  void everyKeyIsDocumented() {
    GroupGuardConfig.DEFINITION.configKeys().values()
        .forEach(key -> assertThat(key.documentation).as(key.name).isNotBlank());
  }

  @Test
  void fileThenEnvironmentThenOverrides(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("groupguard.properties");
    Properties props = new Properties();
    props.setProperty("topic.messages", "from-file");
    props.setProperty("topic.actions", "actions-from-file");
    props.setProperty("application.id", "from-file");
    try (var out = Files.newOutputStream(file)) {
      props.store(out, null);
    }
    GroupGuardConfig config = GroupGuardConfig.load(file,
        Map.of("GROUPGUARD_TOPIC_MESSAGES", "from-env", "GROUPGUARD_APPLICATION_ID", "from-env", "PATH", "/bin"),
        Map.of("application.id", "from-override"));
    assertThat(config.getString(GroupGuardConfig.TOPIC_MESSAGES)).isEqualTo("from-env");
    assertThat(config.getString(GroupGuardConfig.TOPIC_ACTIONS)).isEqualTo("actions-from-file");
    assertThat(config.applicationId()).isEqualTo("from-override");
  }

  @Test
  void invalidValuesFailFastNamingTheKey() {
    assertThatThrownBy(() -> new GroupGuardConfig(Map.of(GroupGuardConfig.MESSAGES_FORMAT, "xml")))
        .isInstanceOf(ConfigException.class).hasMessageContaining(GroupGuardConfig.MESSAGES_FORMAT);
    assertThatThrownBy(() -> new GroupGuardConfig(Map.of(GroupGuardConfig.NUM_STREAM_THREADS, "0")))
        .isInstanceOf(ConfigException.class).hasMessageContaining(GroupGuardConfig.NUM_STREAM_THREADS);
    assertThatThrownBy(() -> GroupGuardConfig.load(Path.of("/nonexistent/groupguard.properties"), Map.of(), Map.of()))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("/nonexistent/groupguard.properties");
  }

  @Test
  void kafkaPrefixedKeysReachTheClientsAndSecretsAreHidden() {
    GroupGuardConfig config = new GroupGuardConfig(Map.of(
        "kafka.security.protocol", "SASL_SSL",
        "kafka.sasl.mechanism", "PLAIN",
        GroupGuardConfig.SCHEMA_REGISTRY_BASIC_AUTH, "user:secret"));
    Properties streams = StreamsProperties.from(config);
    assertThat(streams.get("security.protocol")).isEqualTo("SASL_SSL");
    assertThat(streams.get("sasl.mechanism")).isEqualTo("PLAIN");
    assertThat(streams.get(StreamsConfig.PROCESSING_GUARANTEE_CONFIG)).isEqualTo(StreamsConfig.EXACTLY_ONCE_V2);
    assertThat(config.schemaRegistryBasicAuth()).isEqualTo("user:secret");
    assertThat(config.values().toString()).doesNotContain("secret");
  }
}
