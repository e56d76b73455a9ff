package io.groupguard.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Prints medians from a JMH JSON result file (a benchmark with parameters once per parameter set),
 * then for GroupGuard's matcher core and full rule set evaluation the ratio to each baseline against
 * the target, PASS or FAIL, and for binding Kafka metrics how many times faster GroupGuard's
 * binder is than Micrometer's.
 */
public final class BenchSummary {

  private record Target(String baseline, double minimumRatio) {
  }

  private static final Map<String, String> GROUPGUARD_PATHS = Map.of(
      "groupGuardMatcherCore", "core (normalize + keyword matching)",
      "groupGuardRuleSet", "full (TenantRuleSet.evaluate)");
  private static final List<Target> TARGETS = List.of(
      new Target("sensitiveWordAllConversions", 8.0), new Target("ahoCorasickRaw", 1.5));

  private BenchSummary() {
  }

  public static void main(String[] args) throws IOException {
    if (args.length != 1) {
      System.err.println("usage: BenchSummary <jmh-result.json>");
      System.exit(2);
    }
    Map<String, Double> medians = new LinkedHashMap<>();
    Map<String, String> units = new LinkedHashMap<>();
    for (JsonNode result : new ObjectMapper().readTree(new File(args[0]))) {
      String name = result.get("benchmark").asText().replaceFirst(".*\\.", "");
      JsonNode params = result.get("params");
      if (params != null) {
        StringBuilder suffix = new StringBuilder();
        params.fields().forEachRemaining(param -> suffix.append(suffix.isEmpty() ? "[" : ",")
            .append(param.getKey()).append('=').append(param.getValue().asText()));
        name += suffix.append(']');
      }
      List<Double> samples = new ArrayList<>();
      for (JsonNode fork : result.get("primaryMetric").get("rawData")) {
        fork.forEach(sample -> samples.add(sample.asDouble()));
      }
      Collections.sort(samples);
      medians.put(name, samples.get(samples.size() / 2));
      units.put(name, result.get("primaryMetric").get("scoreUnit").asText());
    }
    System.out.println();
    System.out.printf("%-36s %14s  %s%n", "benchmark", "median", "unit");
    medians.forEach((name, median) -> System.out.printf("%-36s %,14.0f  %s%n", name, median, units.get(name)));
    System.out.println();
    for (String path : List.of("groupGuardMatcherCore", "groupGuardRuleSet")) {
      Double ours = medians.get(path);
      if (ours == null) {
        continue;
      }
      for (Target target : TARGETS) {
        Double theirs = medians.get(target.baseline());
        if (theirs != null) {
          double ratio = ours / theirs;
          System.out.printf("SUMMARY %-38s %5.1fx %-28s target >= %.1fx  %s%n", GROUPGUARD_PATHS.get(path), ratio,
              target.baseline(), target.minimumRatio(), ratio >= target.minimumRatio() ? "PASS" : "FAIL");
        }
      }
    }
    medians.forEach((name, micrometer) -> {
      Double groupGuard = medians.get(name.replace("micrometer[", "groupGuard["));
      if (name.startsWith("micrometer[") && groupGuard != null) {
        System.out.printf("SUMMARY binding Kafka metrics %-22s GroupGuard's binder %5.1fx faster than Micrometer's%n",
            name.substring("micrometer".length()), micrometer / groupGuard);
      }
    });
  }
}
