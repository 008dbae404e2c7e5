package io.sparkdmf.core.multiview;

import io.sparkdmf.core.linalg.Matrix;

/**
 * The multiplicative update of semi-NMF's non-negative coefficients (Ding, Li and Jordan),
 * H <- H .* sqrt((A+ + B- H) / (A- + B+ H)) with A = Psi^T X (for this block's columns), B = Psi^T Psi
 * and M+ = (|M| + M)/2, M- = (|M| - M)/2. It never increases ||X - Psi H||^2 and keeps H >= 0.
 */
final class SemiNmfUpdate {
  private SemiNmfUpdate() {}

  static Matrix apply(Matrix h, Matrix a, Matrix b) {
    Matrix bPlus = part(b, true);
    Matrix bMinus = part(b, false);
    Matrix bPlusH = bPlus.times(h);
    Matrix bMinusH = bMinus.times(h);
    double[] av = a.data();
    double[] out = h.data().clone();
    double[] plusH = bPlusH.data();
    double[] minusH = bMinusH.data();
    for (int e = 0; e < out.length; e++) {
      double numerator = Math.max(av[e], 0) + minusH[e];
      double denominator = Math.max(-av[e], 0) + plusH[e];
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
