package io.groupguard.serde;

import io.groupguard.avro.ChatMessage;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/** Single-thread throughput of the Confluent Avro serde on a chat message (cached registry). */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(1)
public class SpecificAvroSerdeBenchmark {

  private static final String TOPIC = "chat.messages";

  private final SpecificAvroSerde<ChatMessage> serde =
      new SpecificAvroSerde<>(new InMemorySchemaRegistryClient(), ChatMessage.class, false);
  private final ChatMessage message = ChatMessages.sample();
  private final byte[] bytes = serde.serializer().serialize(TOPIC, message);

  @Benchmark
  public byte[] serialize() {
    return serde.serializer().serialize(TOPIC, message);
  }

  @Benchmark
  public ChatMessage deserialize() {
    return serde.deserializer().deserialize(TOPIC, bytes);
  }

  public static void main(String[] args) throws RunnerException {
    new Runner(new OptionsBuilder().include(SpecificAvroSerdeBenchmark.class.getSimpleName()).build())
        .run();
  }
}
