package io.sparkdmf.core.sensing;

import io.sparkdmf.core.engine.BlockKernel;
import io.sparkdmf.core.linalg.Blas;
import io.sparkdmf.core.linalg.Matrix;

/**
 * The per-partition work of a sensing step: residuals r = A_p vec(W) - y_p and, when gradients are
 * wanted, g += A_p^T r: two gemv calls on native BLAS per block (the operators are stored as the
 * columns of an (m n) x K_p matrix, so these are gemv "T" and "N"). The shipped value is W.
 */
public record SensingKernel(boolean withGradient)
    implements BlockKernel<Matrix, MeasurementBlock, SensingPartial> {

  @Override
  public SensingPartial zero() {
    return new SensingPartial();
  }

  @Override
  public SensingPartial accumulate(Matrix w, MeasurementBlock block, SensingPartial into) {
    double[] residuals = block.values().clone();
    Blas.gemv(true, 1.0, block.operators(), w.data(), -1.0, residuals);
    into.addResiduals(residuals);
    if (withGradient) {
      Blas.gemv(false, 1.0, block.operators(), residuals, 1.0, into.gradient(w.data().length));
    }
    return into;
  }

  @Override
  public SensingPartial merge(SensingPartial into, SensingPartial other) {
    return into.merge(other);
  }
}
