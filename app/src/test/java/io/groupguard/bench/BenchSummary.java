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

/** Prints medians from a JMH JSON result file and GroupGuard's ratios against each baseline. */
public final class BenchSummary {

  private static final String GROUPGUARD_RULE_SET = "groupGuardRuleSet";
  private static final String GROUPGUARD_CORE = "groupGuardMatcherCore";
  private static final String[] BASELINES = {"sensitiveWordAllConversions", "ahoCorasickRaw"};

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
      List<Double> samples = new ArrayList<>();
      for (JsonNode fork : result.get("primaryMetric").get("rawData")) {
        fork.forEach(sample -> samples.add(sample.asDouble()));
      }
      Collections.sort(samples);
      medians.put(name, samples.get(samples.size() / 2));
      units.put(name, result.get("primaryMetric").get("scoreUnit").asText());
    }
    System.out.println();
    System.out.printf("%-30s %14s  %s%n", "benchmark", "median", "unit");
    medians.forEach((name, median) -> System.out.printf("%-30s %,14.0f  %s%n", name, median, units.get(name)));
    for (String groupGuard : new String[] {GROUPGUARD_RULE_SET, GROUPGUARD_CORE}) {
      Double ours = medians.get(groupGuard);
      if (ours == null) {
        continue;
      }
      StringBuilder line = new StringBuilder("SUMMARY " + groupGuard);
      for (String baseline : BASELINES) {
        Double theirs = medians.get(baseline);
        if (theirs != null) {
          line.append(String.format("  %.1fx %s", ours / theirs, baseline));
        }
      }
      System.out.println(line);
    }
  }
}
