package io.sparkdmf.data.multiview;

import org.apache.commons.math3.distribution.GammaDistribution;
import org.apache.commons.math3.random.RandomGenerator;
import org.apache.commons.math3.random.Well19937c;

/** Seeded random draws the generators share: Gaussian, Dirichlet, categorical, Zipf weights. */
final class Draws {
  private final RandomGenerator random;

  Draws(long seed) {
    random = new Well19937c(seed);
  }

  double uniform() {
    return random.nextDouble();
  }

  double gaussian() {
    return random.nextGaussian();
  }

  int nextInt(int bound) {
    return random.nextInt(bound);
  }

  /** A Dirichlet draw with the given concentrations (each a normalised Gamma(alpha_i, 1)). */
  double[] dirichlet(double[] alpha) {
    double[] out = new double[alpha.length];
    double sum = 0;
    for (int i = 0; i < alpha.length; i++) {
      out[i] = new GammaDistribution(random, alpha[i], 1).sample();
      sum += out[i];
    }
    for (int i = 0; i < out.length; i++) {
      out[i] = sum > 0 ? out[i] / sum : 1.0 / out.length;
    }
    return out;
  }

  /** An index drawn with probability proportional to {@code cumulative}'s increments (ascending, last = total). */
  int categorical(double[] cumulative) {
    double u = random.nextDouble() * cumulative[cumulative.length - 1];
    int low = 0;
    int high = cumulative.length - 1;
    while (low < high) {
      int middle = (low + high) >>> 1;
      if (cumulative[middle] > u) {
        high = middle;
      } else {
        low = middle + 1;
      }
    }
    return low;
  }

  /** Running sums of the weights, for {@link #categorical}. */
  static double[] cumulative(double[] weights) {
    double[] out = new double[weights.length];
    double sum = 0;
    for (int i = 0; i < weights.length; i++) {
      sum += weights[i];
      out[i] = sum;
    }
    return out;
  }

  /** Zipf weights 1 / rank^exponent over {@code size} items, in a seeded random order of the items. */
  double[] zipf(int size, double exponent) {
    double[] out = new double[size];
    int[] order = permutation(size);
    for (int rank = 0; rank < size; rank++) {
      out[order[rank]] = 1 / Math.pow(rank + 1, exponent);
    }
    return out;
  }

  int[] permutation(int size) {
    int[] out = new int[size];
    for (int i = 0; i < size; i++) {
      out[i] = i;
    }
    for (int i = size - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      int swap = out[i];
      out[i] = out[j];
      out[j] = swap;
    }
    return out;
  }

  /** Class labels for n samples, the classes as equal as n allows, in shuffled order. */
  int[] balancedLabels(int n, int classes) {
    double[] shares = new double[classes];
    java.util.Arrays.fill(shares, 1);
    return labels(n, shares);
  }

  /** Class labels for n samples: class c gets a share proportional to {@code shares[c]}, in shuffled order. */
  int[] labels(int n, double[] shares) {
    double total = 0;
    for (double share : shares) {
      total += share;
    }
    int[] out = new int[n];
    int at = 0;
    double running = 0;
    for (int c = 0; c < shares.length; c++) {
      running += shares[c];
      int end = c == shares.length - 1 ? n : (int) Math.round(n * running / total);
      while (at < end) {
        out[at++] = c;
      }
    }
    int[] order = permutation(n);
    int[] shuffled = new int[n];
    for (int i = 0; i < n; i++) {
      shuffled[i] = out[order[i]];
    }
    return shuffled;
  }
}
