package io.sparkdmf.core.multiview;

import java.util.Arrays;

/**
 * The closed-form minimiser over the simplex of sum_j w_j^p D_j (p > 1, docs/maths.md §5):
 * w_j = 1 / sum_t (D_j / D_t)^{1/(p-1)}, i.e. w_j proportional to D_j^{-1/(p-1)}: features the model
 * reconstructs badly get less weight, the more so the closer p is to 1. Computed in logarithms, as
 * D_j^{-1/(p-1)} overflows for p near 1.
 */
final class FeatureWeights {
  private FeatureWeights() {}

  /**
   * The weights for residuals {@code residuals.energy()}, each read as at least its rounding bound:
   * below it a computed residual is rounding noise, and a feature fitted to within rounding must not
   * take all the weight on the strength of its last bits.
   */
  static double[] optimal(FeatureResiduals residuals, double p) {
    if (!(p > 1)) {
      throw new IllegalArgumentException("the weight exponent p must exceed 1, got " + p);
    }
    double[] energy = residuals.energy();
    int d = energy.length;
    double[] logs = new double[d];
    double top = Double.NEGATIVE_INFINITY;
    for (int j = 0; j < d; j++) {
      double resolved = Math.max(Math.max(energy[j], residuals.rounding()[j]), Double.MIN_NORMAL);
      logs[j] = -Math.log(resolved) / (p - 1);
      top = Math.max(top, logs[j]);
    }
    double sum = 0;
    double[] w = new double[d];
    for (int j = 0; j < d; j++) {
      w[j] = Math.exp(logs[j] - top);
      sum += w[j];
    }
    for (int j = 0; j < d; j++) {
      w[j] /= sum;
    }
    return w;
  }

  static double[] uniform(int d) {
    double[] w = new double[d];
    Arrays.fill(w, 1.0 / d);
    return w;
  }
}
