package io.groupguard.ops;

import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.LogAndContinueExceptionHandler;

/** Logs, continues, sends the unreadable record to the dead-letter topic, and counts it. */
public final class CountingDeserializationExceptionHandler extends LogAndContinueExceptionHandler {

  private GroupGuardMetrics metrics;

  @Override
  public void configure(Map<String, ?> configs) {
    super.configure(configs);
    metrics = DeadLetterCounting.metricsFrom(configs);
  }

  @Override
  public Response handleError(ErrorHandlerContext context, ConsumerRecord<byte[], byte[]> record, Exception exception) {
    Response response = super.handleError(context, record, exception);
    metrics.deadLetters(response.deadLetterQueueRecords().size());
    return response;
  }
}
