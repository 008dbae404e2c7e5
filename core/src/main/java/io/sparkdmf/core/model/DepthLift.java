package io.sparkdmf.core.model;

import io.sparkdmf.core.linalg.Decompositions;
import io.sparkdmf.core.linalg.Matrix;
import java.util.ArrayList;
import java.util.List;

/**
 * A deeper factorization of the same matrix: from W = W_2 W_1 = P diag(s) Q^T (thin SVD, through
 * two SVDs of the thin factors, never the m x n product), the depth-N factors
 * <pre>
 *   W_N = P diag(s)^(1/N),  W_k = diag(s)^(1/N) (1 &lt; k &lt; N),  W_1 = diag(s)^(1/N) Q^T,
 * </pre>
 * balanced (every factor has the same singular values, as gradient flow from small initialization
 * keeps them) and of the same width. Training at depth N can then start where depth 2 ended instead
 * of at the origin, which for N >= 3 is a local minimum of any L2-penalized loss.
 */
public final class DepthLift {
  private DepthLift() {}

  public static DeepFactorization lift(DeepFactorization twoFactors, int depth) {
    if (twoFactors.depth() != 2 || depth < 2) {
      throw new IllegalArgumentException("lifts a depth-2 factorization to depth >= 2, got depth "
          + twoFactors.depth() + " to " + depth);
    }
    Decompositions.Svd left = Decompositions.svd(twoFactors.factor(2)); // W_2 = U_a diag(a) V_a^T
    Matrix core = left.vt().copy(); // diag(a) V_a^T W_1, d x n
    for (int c = 0; c < core.cols(); c++) {
      for (int r = 0; r < core.rows(); r++) {
        core.set(r, c, core.get(r, c) * left.singularValues()[r]);
      }
    }
    Decompositions.Svd right = Decompositions.svd(core.times(twoFactors.factor(1)));
    double[] s = right.singularValues();
    int width = s.length;
    double[] root = new double[width];
    for (int k = 0; k < width; k++) {
      root[k] = Math.pow(s[k], 1.0 / depth);
    }
    Matrix outerLeft = left.u().times(right.u());
    Matrix outerRight = right.vt().copy();
    for (int k = 0; k < width; k++) {
      for (int i = 0; i < outerLeft.rows(); i++) {
        outerLeft.set(i, k, outerLeft.get(i, k) * root[k]);
      }
      for (int j = 0; j < outerRight.cols(); j++) {
        outerRight.set(k, j, outerRight.get(k, j) * root[k]);
      }
    }
    List<Matrix> factors = new ArrayList<>(depth);
    factors.add(outerRight);
    for (int k = 2; k < depth; k++) {
      Matrix inner = Matrix.zeros(width, width);
      for (int d = 0; d < width; d++) {
        inner.set(d, d, root[d]);
      }
      factors.add(inner);
    }
    factors.add(outerLeft);
    return new DeepFactorization(factors);
  }
}
