package io.sparkdmf.core.metrics;

import io.sparkdmf.core.linalg.Decompositions;
import io.sparkdmf.core.linalg.Matrix;

/**
 * What the singular values of the end-to-end matrix say about a solution (docs/maths.md §3): the
 * nuclear norm (what the convex baseline minimises) and the effective rank of Roy and Vetterli,
 * exp(-sum p_i log p_i) with p_i = sigma_i / sum sigma_j (what depth lowers).
 */
public record SpectralDiagnostics(double[] singularValues, double nuclearNorm, double effectiveRank) {

  public static SpectralDiagnostics of(Matrix w) {
    double[] s = Decompositions.singularValues(w);
    return new SpectralDiagnostics(s, nuclearNorm(s), effectiveRank(s));
  }

  public static double nuclearNorm(double[] singularValues) {
    double sum = 0.0;
    for (double sigma : singularValues) {
      sum += sigma;
    }
    return sum;
  }

  /** 1 for a rank-one matrix, r for r equal singular values; 0 terms (p log p -> 0) are skipped. */
  public static double effectiveRank(double[] singularValues) {
    double total = nuclearNorm(singularValues);
    if (total == 0) {
      return 0.0;
    }
    double entropy = 0.0;
    for (double sigma : singularValues) {
      double p = sigma / total;
      if (p > 0) {
        entropy -= p * Math.log(p);
      }
    }
    return Math.exp(entropy);
  }
}
