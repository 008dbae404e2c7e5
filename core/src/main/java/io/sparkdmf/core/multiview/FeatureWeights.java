package io.sparkdmf.core.multiview;

import java.util.Arrays;

/**
 * The closed-form minimiser of sum_j w_j^p D_j (p > 1, docs/maths.md §5) over the simplex with each
 * weight at most {@code cap} times uniform, w_j &lt;= cap / d. Without the cap the minimiser is
 * w_j proportional to D_j^{-1/(p-1)}: features the model reconstructs badly get less weight, the more
 * so the closer p is to 1. With it, the weights that would exceed the cap are held there and the
 * rest of the mass is shared in the same proportions among the others (the KKT conditions of the
 * box-constrained problem): the best-fitted features can no longer take all the weight, which would
 * make them fit better still and take more, until one feature per view decided the partition.
 * Computed in logarithms, as D_j^{-1/(p-1)} overflows for p near 1.
 */
final class FeatureWeights {
  private FeatureWeights() {}

  /**
   * The weights for residuals {@code residuals.energy()}, each read as at least its rounding bound:
   * below it a computed residual is rounding noise, and a feature fitted to within rounding must not
   * take all the weight on the strength of its last bits. {@code cap} is relative to uniform
   * (at least 1; infinite for no cap).
   */
  static double[] optimal(FeatureResiduals residuals, double p, double cap) {
    if (!(p > 1)) {
      throw new IllegalArgumentException("the weight exponent p must exceed 1, got " + p);
    }
    if (!(cap >= 1)) {
      throw new IllegalArgumentException("the weight cap must be at least 1 (uniform), got " + cap);
    }
    double[] energy = residuals.energy();
    int d = energy.length;
    double[] logs = new double[d];
    for (int j = 0; j < d; j++) {
      double resolved = Math.max(Math.max(energy[j], residuals.rounding()[j]), Double.MIN_NORMAL);
      logs[j] = -Math.log(resolved) / (p - 1);
    }
    // features by falling unconstrained weight: the capped ones are always a prefix of this order
    Integer[] order = new Integer[d];
    for (int j = 0; j < d; j++) {
      order[j] = j;
    }
    Arrays.sort(order, (a, b) -> Double.compare(logs[b], logs[a]));
    double limit = Math.min(1.0, cap / d);
    // log of the suffix sums of exp(logs) in that order, so that every split costs O(1)
    double[] logTail = new double[d + 1];
    logTail[d] = Double.NEGATIVE_INFINITY;
    for (int i = d - 1; i >= 0; i--) {
      double a = logs[order[i]];
      double b = logTail[i + 1];
      logTail[i] = b == Double.NEGATIVE_INFINITY ? a : Math.max(a, b) + Math.log1p(Math.exp(-Math.abs(a - b)));
    }
    double[] w = new double[d];
    for (int capped = 0; capped < d; capped++) {
      double rest = 1 - capped * limit;
      // the largest free weight is the first free feature's share of what the capped ones leave
      if (rest * Math.exp(logs[order[capped]] - logTail[capped]) <= limit || capped == d - 1) {
        for (int i = 0; i < d; i++) {
          w[order[i]] = i < capped ? limit : rest * Math.exp(logs[order[i]] - logTail[capped]);
        }
        return w;
      }
    }
    throw new AssertionError("unreachable: the last feature always takes the rest");
  }

  static double[] uniform(int d) {
    double[] w = new double[d];
    Arrays.fill(w, 1.0 / d);
    return w;
  }
}
