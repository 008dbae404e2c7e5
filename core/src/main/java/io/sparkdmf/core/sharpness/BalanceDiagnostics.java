package io.sparkdmf.core.sharpness;

import io.sparkdmf.core.linalg.Matrix;
import java.util.List;

/**
 * How balanced a factorization is: each layer's spectral and Frobenius norm, and the imbalance
 * ||W_{k+1}^T W_{k+1} - W_k W_k^T||_F between neighbours, which gradient flow from a balanced start
 * keeps at zero (docs/maths.md §1 and §4).
 *
 * @param imbalance element k-1 is the imbalance between W_k and W_{k+1}
 */
public record BalanceDiagnostics(double[] spectralNorms, double[] frobeniusNorms, double[] imbalance) {

  public static BalanceDiagnostics of(List<Matrix> factors) {
    int depth = factors.size();
    double[] spectral = new double[depth];
    double[] frobenius = new double[depth];
    double[] imbalance = new double[depth - 1];
    for (int k = 0; k < depth; k++) {
      Matrix w = factors.get(k);
      spectral[k] = SharpnessFormulas.spectralNorm(w);
      frobenius[k] = Math.sqrt(w.frobeniusNormSquared());
      if (k + 1 < depth) {
        Matrix next = factors.get(k + 1);
        imbalance[k] = Math.sqrt(next.transposeTimes(next).minus(w.timesTranspose(w)).frobeniusNormSquared());
      }
    }
    return new BalanceDiagnostics(spectral, frobenius, imbalance);
  }
}
