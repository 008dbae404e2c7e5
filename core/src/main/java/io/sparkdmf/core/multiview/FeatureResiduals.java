package io.sparkdmf.core.multiview;

import io.sparkdmf.core.linalg.Matrix;
import io.sparkdmf.core.linalg.Rounding;

/**
 * Each feature's residual energy D_j = ||X_j - (Psi H)_j||^2 of a view, computed from the sums alone
 * as ||X_j||^2 - 2 (Psi C^T)_jj + (Psi G Psi^T)_jj with C = X H^T and G = H H^T, and a bound on how
 * far rounding can have moved each computed value.
 *
 * <p>The three terms are each about ||X_j||^2 while their difference goes to zero as the fit
 * improves, so a well-fitted feature's computed D_j is mostly rounding: its last bits depend on the
 * order in which the BLAS and the blocks add. The bound ({@link #roundingBound}) says where that
 * begins, so that the weights and the stopping rule can ignore what lies below it.
 *
 * @param energy D_j per feature, clipped at 0
 * @param rounding per feature, a bound on |computed D_j - exact D_j| (see {@link #roundingBound})
 */
record FeatureResiduals(double[] energy, double[] rounding) {
  /**
   * From the feature norms ||X_j||^2 (d x 1), the view's Psi (d x k) and the sums C (d x k) and
   * G (k x k) over {@code samples} samples.
   */
  static FeatureResiduals of(Matrix norms, Matrix psi, Matrix c, Matrix g, long samples) {
    Matrix psiG = psi.times(g);
    int d = psi.rows();
    int k = psi.cols();
    double gamma = Rounding.gamma(samples + 2L * k + 2);
    double[] energy = new double[d];
    double[] rounding = new double[d];
    for (int j = 0; j < d; j++) {
      double cross = 0;
      double fit = 0;
      double spread = 0;
      for (int r = 0; r < k; r++) {
        cross += psi.get(j, r) * c.get(j, r);
        fit += psiG.get(j, r) * psi.get(j, r);
        spread += Math.abs(psi.get(j, r)) * Math.sqrt(Math.max(g.get(r, r), 0));
      }
      energy[j] = Math.max(norms.get(j, 0) - 2 * cross + fit, 0);
      rounding[j] = roundingBound(gamma, norms.get(j, 0), spread);
    }
    return new FeatureResiduals(energy, rounding);
  }

  /**
   * gamma (||X_j|| + a_j)^2 with a_j = sum_r |Psi_jr| sqrt(G_rr). Each sum over the n samples is off
   * by at most {@link Rounding#gamma gamma_n} times the sum of its terms' absolute values: for
   * ||X_j||^2 and G (H is non-negative) that is the value itself; for C_jr = sum_s X_js H_rs it is at most
   * ||X_j|| sqrt(G_rr) by Cauchy-Schwarz. The k-term products with Psi add gamma_2k on top. So
   * |error| &lt;= gamma_{n+2k+2} (||X_j||^2 + 2 ||X_j|| a_j + sum_qr |Psi_jq| G_qr |Psi_jr|), and
   * since |G_qr| &lt;= sqrt(G_qq G_rr) for a Gram matrix the last sum is at most a_j^2: the bound
   * is the square (||X_j|| + a_j)^2 times gamma. Near a good fit a_j ~ ||X_j||, so the bound is about
   * 4 n u ||X_j||^2: a feature of z-scored data (||X_j||^2 = n) cannot be resolved below ~4 n^2 u.
   */
  static double roundingBound(double gamma, double featureNorm2, double spread) {
    double root = Math.sqrt(Math.max(featureNorm2, 0)) + spread;
    return gamma * root * root;
  }
}
