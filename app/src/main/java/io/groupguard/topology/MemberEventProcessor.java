package io.groupguard.topology;

import io.groupguard.avro.BlacklistEntry;
import io.groupguard.avro.MemberEvent;
import io.groupguard.avro.MemberEventType;
import io.groupguard.avro.MessageVerdict;
import java.util.List;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Checks every JOIN against the enterprise blacklist and the group owner's personal one; a
 * blacklisted joiner yields a verdict (keyed tenant+member) that enforcement turns into a kick.
 * Leaves and clean joins produce nothing.
 */
final class MemberEventProcessor implements Processor<String, MemberEvent, String, MessageVerdict> {

  private final GlobalStoreKeys blacklistKeys;
  private ProcessorContext<String, MessageVerdict> context;
  private KeyValueStore<String, BlacklistEntry> blacklist;

  MemberEventProcessor(GlobalStoreKeys blacklistKeys) {
    this.blacklistKeys = blacklistKeys;
  }

  @Override
  public void init(ProcessorContext<String, MessageVerdict> context) {
    this.context = context;
    this.blacklist = context.getStateStore(GroupGuardTopology.BLACKLIST_IN_FORCE_STORE);
  }

  @Override
  public void process(Record<String, MemberEvent> record) {
    MemberEvent event = record.value();
    if (event == null) {
      throw new InvalidInputException("member event record has no value (key " + record.key() + ")");
    }
    new RequiredFields("member event").require("tenantId", event.getTenantId()).require("groupId", event.getGroupId())
        .require("eventId", event.getEventId()).require("memberId", event.getMemberId());
    if (event.getType() != MemberEventType.JOIN) {
      return;
    }
    BlacklistLookup.find(blacklistKeys, blacklist, event.getTenantId(), event.getGroupOwnerId(), event.getMemberId(),
            event.getEventTime())
        .ifPresent(entry -> context.forward(record
            .withKey(RecordKeys.member(event.getTenantId(), event.getMemberId()))
            .withValue(MessageVerdict.newBuilder()
                .setInputId(event.getEventId())
                .setTenantId(event.getTenantId())
                .setGroupId(event.getGroupId())
                .setMemberId(event.getMemberId())
                .setEventTime(event.getEventTime())
                .setViolations(List.of(ViolationFactory.blacklistedJoin(event, entry, context.currentSystemTimeMs())))
                .build())));
  }
}
