package io.sparkdmf.core.sharpness;

import io.sparkdmf.core.linalg.Decompositions;
import io.sparkdmf.core.linalg.Matrix;

/** The closed forms of docs/maths.md §4, for the fully observed loss with normalisation c. */
public final class SharpnessFormulas {
  private SharpnessFormulas() {}

  /** Depth 2 at a minimizer: 2c (||W_1||_2^2 + ||W_2||_2^2). */
  public static double depthTwo(Matrix w1, Matrix w2, LossNormalisation loss) {
    double s1 = spectralNorm(w1);
    double s2 = spectralNorm(w2);
    return loss.hessianScale() * (s1 * s1 + s2 * s2);
  }

  /** A scalar factorization w_N ... w_1 at a minimizer: 2c sum_k prod_{j != k} w_j^2. */
  public static double scalar(double[] w, LossNormalisation loss) {
    double sum = 0;
    for (int k = 0; k < w.length; k++) {
      double product = 1;
      for (int j = 0; j < w.length; j++) {
        if (j != k) {
          product *= w[j] * w[j];
        }
      }
      sum += product;
    }
    return loss.hessianScale() * sum;
  }

  /** The smallest sharpness of any depth-N minimizer of M: 2c N sigma_1(M)^{2 - 2/N}. */
  public static double flattestPossible(Matrix m, int depth, LossNormalisation loss) {
    return loss.hessianScale() * depth * Math.pow(spectralNorm(m), 2 - 2.0 / depth);
  }

  public static double spectralNorm(Matrix a) {
    return Decompositions.singularValues(a)[0];
  }
}
