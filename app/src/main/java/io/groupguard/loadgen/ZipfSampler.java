package io.groupguard.loadgen;

import java.util.Arrays;
import java.util.SplittableRandom;

/** Samples 0..n-1 with probability proportional to 1/(rank+1)^s: a few very active members, a long quiet tail. */
final class ZipfSampler {

  private final double[] cumulative;

  ZipfSampler(int n, double exponent) {
    cumulative = new double[n];
    double sum = 0;
    for (int i = 0; i < n; i++) {
      sum += 1 / Math.pow(i + 1, exponent);
      cumulative[i] = sum;
    }
    for (int i = 0; i < n; i++) {
      cumulative[i] /= sum;
    }
  }

  int sample(SplittableRandom random) {
    int index = Arrays.binarySearch(cumulative, random.nextDouble());
    return Math.min(index < 0 ? -index - 1 : index, cumulative.length - 1);
  }
}
