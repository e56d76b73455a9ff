package io.groupguard.bench;

import io.groupguard.ops.BoundedMemoryRocksDBConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.TearDown;
import org.rocksdb.FlushOptions;
import org.rocksdb.Options;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;

/**
 * Point lookups through RocksDB's Java API, the call behind every Kafka Streams store read: a key
 * the store holds against one it does not. Every message costs GroupGuard three lookups that
 * mostly miss (the enterprise and the personal blacklist, the member's mute in the group), so a
 * miss must not cost more than a hit; before rocksdbjni 10.10 it did (facebook/rocksdb#13023).
 */
public class StoreLookupBenchmark extends StoreBenchmarkSettings {

  private static final int KEYS = 100_000;

  /** Whether the keys were flushed to a file (read through the block cache) or are still in the memtable. */
  @Param({"file", "memtable"})
  public String keysIn;

  /** Whether the memtable has GroupGuard's whole-key bloom filter ({@link BoundedMemoryRocksDBConfig#filterMemtableLookups}). */
  @Param({"false", "true"})
  public boolean memtableBloom;

  private Path directory;
  private Options options;
  private RocksDB db;
  private byte[][] present;
  private byte[][] absent;
  private int next;

  @Setup(Level.Trial)
  public void setUp() throws IOException, RocksDBException {
    RocksDB.loadLibrary();
    directory = Files.createTempDirectory("store-lookup-bench");
    options = new Options().setCreateIfMissing(true);
    if (memtableBloom) {
      BoundedMemoryRocksDBConfig.filterMemtableLookups(options);
    }
    db = RocksDB.open(options, directory.toString());
    present = new byte[KEYS][];
    absent = new byte[KEYS][];
    for (int i = 0; i < KEYS; i++) {
      present[i] = ("tenant-1|enterprise|member-" + i).getBytes(StandardCharsets.UTF_8);
      absent[i] = ("tenant-1|enterprise|visitor-" + i).getBytes(StandardCharsets.UTF_8);
      db.put(present[i], new byte[64]);
    }
    if (keysIn.equals("file")) {
      try (FlushOptions flush = new FlushOptions().setWaitForFlush(true)) {
        db.flush(flush); // lookups then read an SST file through the block cache, as in a long-running store
      }
    }
  }

  @TearDown(Level.Trial)
  public void tearDown() throws IOException {
    db.close();
    options.close();
    try (Stream<Path> files = Files.walk(directory)) {
      files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    }
  }

  @Benchmark
  public byte[] presentKey() throws RocksDBException {
    next = (next + 1) % KEYS;
    return db.get(present[next]);
  }

  @Benchmark
  public byte[] absentKey() throws RocksDBException {
    next = (next + 1) % KEYS;
    return db.get(absent[next]);
  }
}
