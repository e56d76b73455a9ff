package io.groupguard.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordingFile;

/**
 * Where the stream threads spent their time in a JFR recording of the end-to-end benchmark:
 * {@code jdk.ExecutionSample} events of each application's stream threads, summarised by the
 * top frame (the method running) and by the innermost GroupGuard frame (which of our code paid
 * for it, Kafka and RocksDB frames included). Usage: {@code JfrHotMethods <recording.jfr> [top N]}.
 */
public final class JfrHotMethods {

  /** Stream threads are named '<application id>-<uuid>-StreamThread-<n>'; rounds differ only in a trailing number. */
  private static final Pattern STREAM_THREAD = Pattern.compile("^(.+?)(-\\d+)?-[0-9a-f]{8}-[0-9a-f-]{27}-StreamThread-\\d+$");

  private JfrHotMethods() {
  }

  public static void main(String[] args) throws IOException {
    if (args.length < 1) {
      throw new IllegalArgumentException("usage: JfrHotMethods <recording.jfr> [top N]");
    }
    int top = args.length > 1 ? Integer.parseInt(args[1]) : 20;
    Map<String, List<RecordedStackTrace>> byApplication = new HashMap<>();
    for (RecordedEvent event : RecordingFile.readAllEvents(Path.of(args[0]))) {
      if (!event.getEventType().getName().equals("jdk.ExecutionSample") || event.getStackTrace() == null) {
        continue;
      }
      Matcher thread = STREAM_THREAD.matcher(event.getThread("sampledThread").getJavaName());
      if (thread.matches()) {
        byApplication.computeIfAbsent(thread.group(1), app -> new ArrayList<>()).add(event.getStackTrace());
      }
    }
    byApplication.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(app -> {
      System.out.printf("%n== %s stream threads: %,d samples%n", app.getKey(), app.getValue().size());
      print("top frame", app.getValue(), JfrHotMethods::topFrame, top);
      print("innermost io.groupguard frame", app.getValue(), JfrHotMethods::innermostGroupGuardFrame, top);
    });
  }

  private static void print(String title, List<RecordedStackTrace> stacks, Function<RecordedStackTrace, String> key, int top) {
    Map<String, Integer> counts = new HashMap<>();
    stacks.forEach(stack -> counts.merge(key.apply(stack), 1, Integer::sum));
    System.out.printf("-- by %s%n", title);
    counts.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed()).limit(top)
        .forEach(entry -> System.out.printf("%5.1f%%  %s%n", 100.0 * entry.getValue() / stacks.size(), entry.getKey()));
  }

  private static String topFrame(RecordedStackTrace stack) {
    return stack.getFrames().isEmpty() ? "(no frames)" : name(stack.getFrames().get(0));
  }

  private static String innermostGroupGuardFrame(RecordedStackTrace stack) {
    for (RecordedFrame frame : stack.getFrames()) {
      if (frame.getMethod().getType().getName().startsWith("io.groupguard.")) {
        return name(frame);
      }
    }
    return "(Kafka Streams only)";
  }

  private static String name(RecordedFrame frame) {
    String type = frame.getMethod().getType().getName();
    return type.substring(type.lastIndexOf('.') + 1) + "." + frame.getMethod().getName();
  }
}
