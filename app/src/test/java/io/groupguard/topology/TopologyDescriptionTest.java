package io.groupguard.topology;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * Pins the topology's shape. Node, store and internal-topic names carry state: a change here
 * that renames them orphans changelogs and repartition topics of running deployments. If the
 * change is intended (and migration is handled), regenerate with
 * {@code mvn -pl app test -Dtest=TopologyDescriptionTest -Dgroupguard.pin.update=true}.
 */
class TopologyDescriptionTest {

  private static final Path PINNED = Path.of("src/test/resources/topology-description.txt");

  @Test
  void topologyMatchesThePinnedDescription() throws Exception {
    String actual;
    try (TopologyFixture fixture = new TopologyFixture()) {
      actual = describe(fixture);
    }
    if (Boolean.getBoolean("groupguard.pin.update")) {
      Files.writeString(PINNED, actual);
    }
    assertThat(PINNED).as("pinned topology description").exists();
    assertThat(actual).isEqualTo(Files.readString(PINNED));
  }

  @Test
  void everyNodeAndStoreHasAnExplicitName() throws Exception {
    try (TopologyFixture fixture = new TopologyFixture()) {
      assertThat(describe(fixture)).doesNotContainPattern("KSTREAM-|KTABLE-|KSTORE-");
    }
  }

  private static String describe(TopologyFixture fixture) {
    return fixture.topology.describe().toString();
  }
}
