package io.groupguard.enforcement;

import io.groupguard.avro.MessageVerdict;
import io.groupguard.avro.ModerationAction;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/** Decides the actions for one verdict; runs on records partitioned by tenant+member. */
public final class EnforcementProcessor implements Processor<String, MessageVerdict, String, ModerationAction> {

  private final ActionPlanner planner = new ActionPlanner();
  private ProcessorContext<String, ModerationAction> context;

  @Override
  public void init(ProcessorContext<String, ModerationAction> context) {
    this.context = context;
  }

  @Override
  public void process(Record<String, MessageVerdict> record) {
    for (ModerationAction action : planner.plan(record.value(), context.currentSystemTimeMs())) {
      context.forward(record.withValue(action));
    }
  }
}
