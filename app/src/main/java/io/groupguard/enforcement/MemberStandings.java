package io.groupguard.enforcement;

import io.groupguard.avro.MemberStanding;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.state.KeyValueStore;

/** The strike store (tenant/member to standing) shared by the verdict and the admin-command processors. */
final class MemberStandings {

  private final KeyValueStore<String, MemberStanding> store;

  MemberStandings(ProcessorContext<?, ?> context, String storeName) {
    this.store = context.getStateStore(storeName);
  }

  Standing load(String memberKey) {
    return Standing.of(store.get(memberKey));
  }

  /** Stores the standing; a clean one is deleted so that the store only holds members with a record. */
  void save(String memberKey, Standing standing) {
    if (standing.isClean()) {
      store.delete(memberKey);
    } else {
      store.put(memberKey, standing.toRecord());
    }
  }
}
