package io.groupguard.loadgen;

import io.groupguard.avro.BlacklistEntry;
import io.groupguard.avro.BlacklistScope;
import java.time.Instant;
import java.util.Iterator;
import java.util.NoSuchElementException;

/** The profile's enterprise blacklist: entry {@code j} bars member "bl-(j / tenants)" in tenant {@code j mod tenants}. */
public final class BlacklistGenerator {

  private static final Instant ADDED_AT = Instant.parse("2026-01-01T00:00:00Z");

  private final LoadProfile profile;

  public BlacklistGenerator(LoadProfile profile) {
    this.profile = profile;
  }

  /** All entries, generated one at a time (two million fit in no list). */
  public Iterator<BlacklistEntry> entries() {
    return new Iterator<>() {
      private long next;

      @Override
      public boolean hasNext() {
        return next < profile.blacklistEntries();
      }

      @Override
      public BlacklistEntry next() {
        if (!hasNext()) {
          throw new NoSuchElementException();
        }
        return entry(next++);
      }
    };
  }

  public BlacklistEntry entry(long index) {
    return BlacklistEntry.newBuilder()
        .setTenantId(profile.tenantId((int) (index % profile.tenants())))
        .setScope(BlacklistScope.ENTERPRISE)
        .setMemberId(LoadProfile.blacklistedMemberId(index / profile.tenants()))
        .setReason("generated")
        .setAddedBy("loadgen")
        .setAddedAt(ADDED_AT)
        .build();
  }
}
