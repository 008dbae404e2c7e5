package io.sparkdmf.core.sensing;

import io.sparkdmf.core.engine.BlockKernel;
import io.sparkdmf.core.linalg.Blas;
import io.sparkdmf.core.linalg.Matrix;
import java.io.Serializable;

/**
 * The per-block work of {@link SharedMeasurements}: the residuals and gradients of several end-to-end
 * matrices at once, the columns of the shipped (m n) x B matrix W: R = A_p^T W - y and G += A_p R.
 * What is fastest depends on B (docs/benchmarks.md). For a few columns, each measurement's operator
 * is read from memory once and, while in cache, dotted with and added into every column, as the lone
 * {@link SensingKernel} does for one. For more, two gemm per few measurements, whose operators then
 * stay in cache between the two.
 */
final class SharedSensingKernel implements BlockKernel<Matrix, MeasurementBlock, SharedSensingKernel.Sums> {
  private static final long serialVersionUID = 1L;
  /** Below this many columns, the per-measurement pass beats the gemm. */
  private static final int PER_MEASUREMENT_BELOW = 4;
  /** Operators per pair of gemm: 16 measurements of a 100 x 100 matrix (1.25 MB), the best measured. */
  private static final int CACHED_PASS_DOUBLES = 16 * 100 * 100;

  private final boolean tuned;

  /**
   * @param tuned whether to pass over the operators as above; if not, as a plain version does: two gemm
   *     over each whole block (two gemv for one column), the benchmark's baseline
   */
  SharedSensingKernel(boolean tuned) {
    this.tuned = tuned;
  }

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
    if (into.gradients == null) {
      into.gradients = Matrix.zeros(w.rows(), width);
      into.squared = new double[width];
    }
    if (!tuned && width == 1) {
      double[] residuals = block.values().clone();
      Blas.gemv(true, 1.0, block.operators(), w.data(), -1.0, residuals);
      Blas.gemv(false, 1.0, block.operators(), residuals, 1.0, into.gradients.data());
      into.squared[0] += Blas.dot(residuals, residuals);
    } else if (tuned && width < PER_MEASUREMENT_BELOW) {
      perMeasurement(w, block, into);
    } else {
      byGemm(w, block, into, tuned ? Math.max(1, CACHED_PASS_DOUBLES / w.rows()) : block.size());
    }
    into.measurements += block.size();
    return into;
  }

  /** For each measurement k and column j: r = vec(A_k) . w_j - y_k, then g_j += r vec(A_k). */
  private static void perMeasurement(Matrix w, MeasurementBlock block, Sums into) {
    int cells = w.rows();
    double[] operators = block.operators().data();
    double[] gradients = into.gradients.data();
    for (int k = 0; k < block.size(); k++) {
      for (int j = 0; j < w.cols(); j++) {
        double r = SensingKernel.residualAndGradient(operators, k, cells, w.data(), j * cells, block.values()[k],
            gradients, j * cells);
        into.squared[j] += r * r;
      }
    }
  }

  /** R = A^T W - y and G += A R, {@code chunk} measurements at a time. */
  private static void byGemm(Matrix w, MeasurementBlock block, Sums into, int chunk) {
    int cells = w.rows();
    int width = w.cols();
    int count = block.size();
    double[] operators = block.operators().data();
    double[] residuals = new double[Math.min(chunk, count) * width];
    for (int from = 0; from < count; from += chunk) {
      int size = Math.min(chunk, count - from);
      for (int j = 0; j < width; j++) {
        System.arraycopy(block.values(), from, residuals, j * size, size);
      }
      Blas.gemm(true, false, size, width, cells, 1.0, operators, from * cells, cells, w.data(), 0, cells, -1.0,
          residuals, 0, size);
      Blas.gemm(false, false, cells, width, size, 1.0, operators, from * cells, cells, residuals, 0, size, 1.0,
          into.gradients.data(), 0, cells);
      for (int j = 0; j < width; j++) {
        for (int k = j * size; k < (j + 1) * size; k++) {
          into.squared[j] += residuals[k] * residuals[k];
        }
      }
    }
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
