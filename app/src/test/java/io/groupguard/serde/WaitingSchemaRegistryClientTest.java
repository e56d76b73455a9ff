package io.groupguard.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.groupguard.avro.ChatMessage;
import java.net.ConnectException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;

class WaitingSchemaRegistryClientTest {

  private static final Schema SCHEMA = ChatMessage.getClassSchema();

  /** Unreachable for the first {@code outageCalls} calls, then answers. */
  private static final class FlakyRegistry implements SchemaRegistryClient {
    final AtomicInteger calls = new AtomicInteger();
    final int outageCalls;
    final SchemaRegistryException failure;

    FlakyRegistry(int outageCalls, SchemaRegistryException failure) {
      this.outageCalls = outageCalls;
      this.failure = failure;
    }

    @Override
    public int register(String subject, Schema schema) {
      answerOrFail();
      return 7;
    }

    @Override
    public Schema getById(int id) {
      answerOrFail();
      return SCHEMA;
    }

    private void answerOrFail() {
      if (calls.incrementAndGet() <= outageCalls) {
        throw failure;
      }
    }

    @Override
    public void close() {
    }
  }

  private static SchemaRegistryException unreachable() {
    return new SchemaRegistryException("Schema registry unreachable", new ConnectException("refused"));
  }

  @Test
  void aLookupDuringAnOutageWaitsAndReturnsOnceTheRegistryAnswers() {
    FlakyRegistry registry = new FlakyRegistry(4, unreachable());
    try (WaitingSchemaRegistryClient client = new WaitingSchemaRegistryClient(registry, Duration.ofMillis(20))) {
      assertThat(client.getById(1)).isSameAs(SCHEMA);
      assertThat(client.register("chat.messages-value", SCHEMA)).isEqualTo(7);
    }
    assertThat(registry.calls).hasValue(6);
  }

  @Test
  void aServerErrorIsAnOutageToo() {
    FlakyRegistry registry = new FlakyRegistry(2, new SchemaRegistryException("HTTP 503", 503, 50003));
    try (WaitingSchemaRegistryClient client = new WaitingSchemaRegistryClient(registry, Duration.ofMillis(20))) {
      assertThat(client.getById(1)).isSameAs(SCHEMA);
    }
    assertThat(registry.calls).hasValue(3);
  }

  @Test
  void anAnswerThatIsAnErrorFailsAtOnce() {
    FlakyRegistry registry = new FlakyRegistry(1, new SchemaRegistryException("Schema not found", 404,
        SchemaRegistryException.SCHEMA_NOT_FOUND));
    try (WaitingSchemaRegistryClient client = new WaitingSchemaRegistryClient(registry, Duration.ofMillis(20))) {
      assertThatThrownBy(() -> client.getById(1)).isInstanceOf(SchemaRegistryException.class)
          .satisfies(e -> assertThat(((SchemaRegistryException) e).isSchemaNotFound()).isTrue());
    }
    assertThat(registry.calls).hasValue(1);
  }

  @Test
  void stopWaitingEndsAWaitWithTheOutageSoTheRecordIsReadAgainLater() throws Exception {
    FlakyRegistry registry = new FlakyRegistry(Integer.MAX_VALUE, unreachable());
    WaitingSchemaRegistryClient client = new WaitingSchemaRegistryClient(registry, Duration.ofMillis(20));
    CompletableFuture<Schema> lookup = CompletableFuture.supplyAsync(() -> client.getById(1));
    while (registry.calls.get() < 3) {
      Thread.onSpinWait();
    }
    assertThat(lookup).isNotDone();
    client.stopWaiting();
    assertThatThrownBy(() -> lookup.get(5, TimeUnit.SECONDS)).hasCauseInstanceOf(SchemaRegistryException.class)
        .satisfies(e -> assertThat(((SchemaRegistryException) e.getCause()).isUnavailable()).isTrue());
  }

  @Test
  void anInterruptedWaitFailsAsUnavailableAndKeepsTheInterrupt() throws Exception {
    FlakyRegistry registry = new FlakyRegistry(Integer.MAX_VALUE, unreachable());
    WaitingSchemaRegistryClient client = new WaitingSchemaRegistryClient(registry, Duration.ofSeconds(1));
    CompletableFuture<Boolean> interruptKept = new CompletableFuture<>();
    Thread waiter = new Thread(() -> {
      try {
        client.getById(1);
        interruptKept.complete(false);
      } catch (SchemaRegistryException e) {
        interruptKept.complete(e.isUnavailable() && Thread.currentThread().isInterrupted());
      }
    });
    waiter.start();
    while (registry.calls.get() < 2) {
      Thread.onSpinWait();
    }
    waiter.interrupt();
    assertThat(interruptKept.get(5, TimeUnit.SECONDS)).isTrue();
    waiter.join();
  }
}
