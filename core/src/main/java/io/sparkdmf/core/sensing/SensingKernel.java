package io.sparkdmf.core.sensing;

import io.sparkdmf.core.engine.BlockKernel;
import io.sparkdmf.core.linalg.Blas;
import io.sparkdmf.core.linalg.Matrix;

/**
 * The per-partition work of a sensing step: residuals r = A_p vec(W) - y_p and, when gradients are
 * wanted, g += A_p^T r. The operators are stored as the columns of an (m n) x K_p matrix. For the
 * loss alone that is one gemv "T"; with the gradient, each measurement's r_k = vec(A_k) . vec(W) is
 * followed at once by g += r_k vec(A_k), while vec(A_k) is still in cache, so the operators are read
 * from memory once per step instead of twice (gemv "T" then gemv "N"). A lone run is bound by that
 * memory traffic. The shipped value is W.
 */
record SensingKernel(boolean withGradient)
    implements BlockKernel<Matrix, MeasurementBlock, SensingPartial> {

  @Override
  public SensingPartial zero() {
    return new SensingPartial();
  }

  @Override
  public SensingPartial accumulate(Matrix w, MeasurementBlock block, SensingPartial into) {
    double[] residuals = block.values().clone();
    if (!withGradient) {
      Blas.gemv(true, 1.0, block.operators(), w.data(), -1.0, residuals);
      into.addResiduals(residuals);
      return into;
    }
    int cells = w.data().length;
    double[] operators = block.operators().data();
    double[] gradient = into.gradient(cells);
    for (int k = 0; k < residuals.length; k++) {
      residuals[k] = residualAndGradient(operators, k, cells, w.data(), 0, residuals[k], gradient, 0);
    }
    into.addResiduals(residuals);
    return into;
  }

  /**
   * Measurement k's residual r = vec(A_k) . w - y_k, with g += r vec(A_k) at once, while vec(A_k) is
   * in cache; w and g are the {@code cells} values from their offsets.
   */
  static double residualAndGradient(double[] operators, int k, int cells, double[] w, int wOffset, double value,
      double[] gradient, int gradientOffset) {
    double r = Blas.dotRange(cells, operators, k * cells, w, wOffset) - value;
    Blas.axpyRange(cells, r, operators, k * cells, gradient, gradientOffset);
    return r;
  }

  @Override
  public SensingPartial merge(SensingPartial into, SensingPartial other) {
    return into.merge(other);
  }
}
