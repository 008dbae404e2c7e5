package io.sparkdmf.core.multiview;

import io.sparkdmf.core.linalg.Matrix;

/**
 * The multiplicative update of semi-NMF's non-negative coefficients (Ding, Li and Jordan),
 * H <- H .* sqrt((A+ + B- H) / (A- + B+ H)) with A = Psi^T X (for this block's columns), B = Psi^T Psi
 * and M+ = (|M| + M)/2, M- = (|M| - M)/2. It never increases ||X - Psi H||^2 and keeps H >= 0.
 * With a graph term lambda tr(H L H^T), L = D - W, the attraction lambda H W joins the numerator and
 * lambda H D the denominator (the same auxiliary-function argument, as in graph-regularised NMF).
 */
final class SemiNmfUpdate {
  private SemiNmfUpdate() {}

  static Matrix apply(Matrix h, Matrix a, Matrix b) {
    return apply(h, a, b, null, null);
  }

  /** With the graph term: {@code pull} = lambda (H W), {@code push} = lambda (H D) for this block's columns. */
  static Matrix apply(Matrix h, Matrix a, Matrix b, Matrix pull, Matrix push) {
    Matrix bPlus = part(b, true);
    Matrix bMinus = part(b, false);
    Matrix bPlusH = bPlus.times(h);
    Matrix bMinusH = bMinus.times(h);
    double[] av = a.data();
    double[] out = h.data().clone();
    double[] plusH = bPlusH.data();
    double[] minusH = bMinusH.data();
    for (int e = 0; e < out.length; e++) {
      double numerator = Math.max(av[e], 0) + minusH[e] + (pull == null ? 0 : pull.data()[e]);
      double denominator = Math.max(-av[e], 0) + plusH[e] + (push == null ? 0 : push.data()[e]);
      if (denominator > 0) {
        out[e] *= Math.sqrt(numerator / denominator);
      }
    }
    return new Matrix(h.rows(), h.cols(), out);
  }

  private static Matrix part(Matrix m, boolean positive) {
    double[] d = m.data().clone();
    for (int e = 0; e < d.length; e++) {
      d[e] = positive ? Math.max(d[e], 0) : Math.max(-d[e], 0);
    }
    return new Matrix(m.rows(), m.cols(), d);
  }
}
