package io.groupguard.cli;

import io.groupguard.avro.BlacklistEntry;
import io.groupguard.cli.BlacklistCsv.Parsed;
import io.groupguard.cli.CsvReader.Row;
import io.groupguard.rules.BlacklistLimits;
import io.groupguard.rules.BlacklistValidator;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.wrapped.ProgressBarWrappedInputStream;
import org.apache.kafka.clients.producer.ProducerConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code groupguard blacklist import}: streams a CSV file of any size onto the blacklist topic. */
@Command(name = "import", mixinStandardHelpOptions = true,
    description = {"Publish the blacklist entries of a CSV file (millions of rows are fine: it is streamed).",
        "Header row with the columns tenantId,scope,ownerId,memberId,reason,expiresAt (any order). scope is "
            + "ENTERPRISE or PERSONAL (E/P); ownerId only for PERSONAL; reason and expiresAt (ISO-8601, e.g. "
            + "2027-01-31T00:00:00Z) may be empty. Fields may be quoted (RFC 4180); UTF-8, with or without BOM.",
        "Rows are checked locally like GroupGuard checks them; bad rows are skipped and reported (and written "
            + "to --rejects). Quotas are enforced by GroupGuard: see its config-rejections topic."})
final class BlacklistImportCommand implements Callable<Integer> {

  /** Rejected rows listed in the summary; the rejects file has all of them. */
  static final int REJECTS_SHOWN = 10;
  private static final int PROGRESS_EVERY_ROWS = 10_000;

  /** Throughput over latency: big batches, a little waiting to fill them, lz4 (the cheapest on CPU). */
  private static final Map<String, Object> BULK_PRODUCER = Map.of(
      ProducerConfig.LINGER_MS_CONFIG, 50,
      ProducerConfig.BATCH_SIZE_CONFIG, 512 * 1024,
      ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4",
      ProducerConfig.BUFFER_MEMORY_CONFIG, 64L * 1024 * 1024);

  @Parameters(paramLabel = "FILE.csv", description = "The entries, one per row.")
  Path csvFile;

  @Option(names = "--tenant", paramLabel = "T",
      description = "Tenant of rows with an empty tenantId; rows naming another tenant are rejected.")
  String tenant;

  @Option(names = "--added-by", paramLabel = "OPERATOR", description = "Operator recorded as addedBy on every entry.")
  String addedBy;

  @Option(names = "--rejects", paramLabel = "FILE.csv",
      description = "Write the rejected rows here, as read, with their line and the problem.")
  Path rejectsFile;

  @Option(names = "--no-progress", negatable = false, description = "No progress bar (for scripts and logs).")
  boolean noProgress;

  @Mixin
  ConnectionOptions connectionOptions;

  @Spec
  CommandSpec spec;

  private long rowsRead;
  private long rejected;
  private final List<String> shownRejects = new ArrayList<>();

  @Override
  public Integer call() throws IOException {
    PrintWriter out = spec.commandLine().getOut();
    long started = System.nanoTime();
    long bytes = Files.size(csvFile);
    CliLogging.quietKafka();
    try (ClusterConnection connection = connectionOptions.connect();
        RecordPublisher publisher = new RecordPublisher(connection.producerSettings(BULK_PRODUCER));
        ProgressBar progress = noProgress ? null : new ProgressBarBuilder().setTaskName("import")
            .setInitialMax(bytes).setUnit("MiB", 1 << 20).showSpeed().build();
        CsvReader csv = new CsvReader(new InputStreamReader(progressOf(RecordFiles.open(csvFile), progress),
            StandardCharsets.UTF_8), csvFile.toString());
        CsvWriter rejects = rejectsFile == null ? null : new CsvWriter(Files.newBufferedWriter(rejectsFile))) {
      Row header = csv.next();
      if (header == null) {
        throw new InputFileException(csvFile + ": is empty; expected a header row " + String.join(",", BlacklistCsv.COLUMNS));
      }
      BlacklistCsv format = new BlacklistCsv(csvFile.toString(), header.fields(), tenant, addedBy, Instant.now(),
          new BlacklistValidator(BlacklistLimits.defaults()));
      if (rejects != null) {
        List<String> rejectsHeader = new ArrayList<>(header.fields());
        rejectsHeader.addAll(List.of("line", "problem"));
        rejects.write(rejectsHeader);
      }
      long now = System.currentTimeMillis();
      for (Row row = csv.next(); row != null; row = csv.next()) {
        rowsRead++;
        Parsed parsed = format.parse(row.fields());
        if (parsed.valid()) {
          publisher.send(connection.topics().blacklist(), parsed.key(), parsed.entry(), now);
        } else {
          reject(row, String.join("; ", parsed.problems()), rejects);
        }
        if (progress != null && rowsRead % PROGRESS_EVERY_ROWS == 0) {
          progress.setExtraMessage(String.format(" %,d rows", rowsRead));
        }
      }
      publisher.flush();
      printSummary(out, publisher.acknowledged(), Duration.ofNanos(System.nanoTime() - started));
    } catch (UncheckedIOException e) {
      throw new InputFileException(csvFile + ": " + e.getCause().getMessage(), e);
    }
    return 0;
  }

  private static InputStream progressOf(InputStream in, ProgressBar progress) {
    return progress == null ? in : new ProgressBarWrappedInputStream(in, progress);
  }

  private void reject(Row row, String problem, CsvWriter rejects) {
    rejected++;
    if (shownRejects.size() < REJECTS_SHOWN) {
      shownRejects.add("  line " + row.line() + ": " + problem);
    }
    if (rejects != null) {
      List<String> fields = new ArrayList<>(row.fields());
      fields.addAll(List.of(String.valueOf(row.line()), problem));
      rejects.write(fields);
    }
  }

  private void printSummary(PrintWriter out, long published, Duration took) {
    double seconds = Math.max(took.toMillis(), 1) / 1000.0;
    out.printf("rows read:          %,d%n", rowsRead);
    out.printf("published:          %,d (%,.0f rows/s)%n", published, rowsRead / seconds);
    out.printf("rejected locally:   %,d%n", rejected);
    shownRejects.forEach(out::println);
    if (rejected > shownRejects.size()) {
      out.printf("  ... and %,d more%s%n", rejected - shownRejects.size(),
          rejectsFile == null ? " (use --rejects FILE.csv to keep them all)" : "");
    }
    if (rejectsFile != null && rejected > 0) {
      out.println("rejected rows written to " + rejectsFile);
    }
    out.printf("took %.1f s; GroupGuard puts entries in force after checking quotas (rejections on its "
        + "config-rejections topic)%n", seconds);
    out.flush();
  }
}
