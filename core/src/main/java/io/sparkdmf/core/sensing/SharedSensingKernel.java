package io.sparkdmf.core.sensing;

import io.sparkdmf.core.engine.BlockKernel;
import io.sparkdmf.core.linalg.Blas;
import io.sparkdmf.core.linalg.Matrix;
import java.io.Serializable;

/**
 * The per-block work of {@link SharedMeasurements}: the residuals and gradients of several end-to-end
 * matrices at once, the columns of the shipped (m n) x B matrix W: R = A_p^T W - y and G += A_p R,
 * two gemm per block (two gemv when B = 1, where OpenBLAS's gemv is the faster).
 */
final class SharedSensingKernel implements BlockKernel<Matrix, MeasurementBlock, SharedSensingKernel.Sums> {
  private static final long serialVersionUID = 1L;

  /** Per column of W: the sum of squared residuals and sum_k r_k vec(A_k) (allocated on first use). */
  static final class Sums implements Serializable {
    private static final long serialVersionUID = 1L;

    private double[] squared;
    private long measurements;
    private Matrix gradients;

    /** Member {@code j}'s share, as {@link SensingObjective} would have computed it alone. */
    SensingPartial member(int j) {
      int cells = gradients.rows();
      double[] gradient = new double[cells];
      System.arraycopy(gradients.data(), j * cells, gradient, 0, cells);
      return SensingPartial.of(squared[j], measurements, gradient);
    }
  }

  @Override
  public Sums zero() {
    return new Sums();
  }

  @Override
  public Sums accumulate(Matrix w, MeasurementBlock block, Sums into) {
    int width = w.cols();
    int count = block.size();
    if (into.gradients == null) {
      into.gradients = Matrix.zeros(w.rows(), width);
      into.squared = new double[width];
    }
    Matrix residuals = Matrix.zeros(count, width);
    for (int j = 0; j < width; j++) {
      System.arraycopy(block.values(), 0, residuals.data(), j * count, count);
    }
    if (width == 1) {
      Blas.gemv(true, 1.0, block.operators(), w.data(), -1.0, residuals.data());
      Blas.gemv(false, 1.0, block.operators(), residuals.data(), 1.0, into.gradients.data());
    } else {
      Blas.gemm(true, false, 1.0, block.operators(), w, -1.0, residuals);
      Blas.gemm(false, false, 1.0, block.operators(), residuals, 1.0, into.gradients);
    }
    double[] r = residuals.data();
    for (int j = 0; j < width; j++) {
      for (int k = j * count; k < (j + 1) * count; k++) {
        into.squared[j] += r[k] * r[k];
      }
    }
    into.measurements += count;
    return into;
  }

  @Override
  public Sums merge(Sums into, Sums other) {
    if (other.gradients == null) {
      return into;
    }
    if (into.gradients == null) {
      return other;
    }
    for (int j = 0; j < into.squared.length; j++) {
      into.squared[j] += other.squared[j];
    }
    into.measurements += other.measurements;
    into.gradients.addScaled(1.0, other.gradients);
    return into;
  }
}
