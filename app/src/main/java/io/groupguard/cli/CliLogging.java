package io.groupguard.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import java.util.List;
import org.slf4j.LoggerFactory;

/** Commands whose output is a table keep Kafka's own start-up and client chatter out of it. */
final class CliLogging {

  private CliLogging() {
  }

  static void quietKafka() {
    for (String name : List.of("org.apache.kafka", "kafka", "state.change.logger", "org.rocksdb")) {
      ((Logger) LoggerFactory.getLogger(name)).setLevel(Level.ERROR);
    }
  }
}
