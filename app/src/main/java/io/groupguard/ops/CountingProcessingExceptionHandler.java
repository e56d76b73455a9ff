package io.groupguard.ops;

import java.util.Map;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.LogAndContinueProcessingExceptionHandler;
import org.apache.kafka.streams.processor.api.Record;

/** Logs, continues, sends the record that failed processing to the dead-letter topic, and counts it. */
public final class CountingProcessingExceptionHandler extends LogAndContinueProcessingExceptionHandler {

  private GroupGuardMetrics metrics;

  @Override
  public void configure(Map<String, ?> configs) {
    super.configure(configs);
    metrics = DeadLetterCounting.metricsFrom(configs);
  }

  @Override
  public Response handleError(ErrorHandlerContext context, Record<?, ?> record, Exception exception) {
    Response response = super.handleError(context, record, exception);
    metrics.deadLetters(response.deadLetterQueueRecords().size());
    return response;
  }
}
