package io.groupguard.topology;

import io.groupguard.avro.ConfigRejection;

/**
 * What validation made of one configuration record: a value to put in force, a removal
 * (tombstone), or a rejection that leaves the value in force unchanged.
 */
public record ConfigOutcome<V>(V inForce, ConfigRejection rejection) {

  public static <V> ConfigOutcome<V> accepted(V value) {
    return new ConfigOutcome<>(value, null);
  }

  public static <V> ConfigOutcome<V> removed() {
    return new ConfigOutcome<>(null, null);
  }

  public static <V> ConfigOutcome<V> rejected(ConfigRejection rejection) {
    return new ConfigOutcome<>(null, rejection);
  }

  public boolean isRejected() {
    return rejection != null;
  }
}
