package io.groupguard.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;

/**
 * Where the stream threads spent their time in a JFR recording of the end-to-end benchmark:
 * {@code jdk.ExecutionSample} events of each application's stream threads, summarised by
 * {@link StackSummary}. JFR samples Java code only: time in RocksDB's native code does not show.
 * Usage: {@code JfrHotMethods <recording.jfr> [top N]}.
 */
public final class JfrHotMethods {

  private JfrHotMethods() {
  }

  public static void main(String[] args) throws IOException {
    if (args.length < 1) {
      throw new IllegalArgumentException("usage: JfrHotMethods <recording.jfr> [top N]");
    }
    int top = args.length > 1 ? Integer.parseInt(args[1]) : 20;
    Map<String, List<StackSummary.Sample>> byApplication = new TreeMap<>();
    for (RecordedEvent event : RecordingFile.readAllEvents(Path.of(args[0]))) {
      if (!event.getEventType().getName().equals("jdk.ExecutionSample") || event.getStackTrace() == null) {
        continue;
      }
      String application = StackSummary.applicationOfStreamThread(event.getThread("sampledThread").getJavaName());
      if (application != null) {
        List<String> frames = event.getStackTrace().getFrames().stream()
            .map(frame -> frame.getMethod().getType().getName() + "." + frame.getMethod().getName()).toList();
        byApplication.computeIfAbsent(application, app -> new ArrayList<>()).add(new StackSummary.Sample(frames, 1));
      }
    }
    byApplication.forEach((application, samples) -> StackSummary.print(application, samples, top));
  }
}
