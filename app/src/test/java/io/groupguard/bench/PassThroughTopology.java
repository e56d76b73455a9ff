package io.groupguard.bench;

import io.groupguard.topology.Topic;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;

/** The cost of Kafka itself: read chat messages with GroupGuard's serde and write each one unchanged. */
final class PassThroughTopology {

  private PassThroughTopology() {
  }

  static <V> Topology build(Topic<String, V> input, String outputTopic) {
    StreamsBuilder builder = new StreamsBuilder();
    builder.stream(input.name(), input.consumed("pass-through-source"))
        .to(outputTopic, input.produced("pass-through-sink"));
    return builder.build();
  }
}
