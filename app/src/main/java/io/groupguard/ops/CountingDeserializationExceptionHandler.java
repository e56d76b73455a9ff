package io.groupguard.ops;

import io.groupguard.serde.SchemaRegistryUnavailableException;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.LogAndContinueExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs, continues, sends the unreadable record to the dead-letter topic, and counts it. A record that is
 * unreadable only because the schema registry is unavailable is not bad. The registry client waits for the
 * registry ({@link io.groupguard.serde.WaitingSchemaRegistryClient}); when that wait is ended without an answer
 * (the instance is closing, or the thread was interrupted), the record fails the stream thread instead, so it
 * is read again from the last commit.
 */
public final class CountingDeserializationExceptionHandler extends LogAndContinueExceptionHandler {

  private static final Logger LOG = LoggerFactory.getLogger(CountingDeserializationExceptionHandler.class);

  private GroupGuardMetrics metrics;

  @Override
  public void configure(Map<String, ?> configs) {
    super.configure(configs);
    metrics = DeadLetterCounting.metricsFrom(configs);
  }

  @Override
  public Response handleError(ErrorHandlerContext context, ConsumerRecord<byte[], byte[]> record, Exception exception) {
    if (exception instanceof SchemaRegistryUnavailableException) {
      LOG.warn("Cannot read {}-{} at offset {} while the schema registry is unavailable; failing the stream thread "
          + "so that the record is read again: {}", record.topic(), record.partition(), record.offset(),
          exception.getMessage());
      return Response.fail();
    }
    Response response = super.handleError(context, record, exception);
    metrics.deadLetters(response.deadLetterQueueRecords().size());
    return response;
  }
}
