package io.sparkdmf.core.engine.blocked;

import io.sparkdmf.core.completion.CompletionKernel;
import io.sparkdmf.core.linalg.Blas;
import io.sparkdmf.core.linalg.Matrix;

/**
 * The block engine's kernel: what one grid cell computes in a step from the row vectors
 * u~_i = M^T u_i and column vectors v_j it received (M = W_{N-1} ... W_2), namely the residuals
 * r_ij = u~_i . v_j - M_ij of its observed entries and the sums they send back ({@link CellResult}),
 * per entry or by three gemms, whichever is cheaper for the cell's density.
 */
public final class CellKernel {
  private CellKernel() {}

  /**
   * Cells at least this dense go through level-3 BLAS: {@code dmf bench cell} (docs/benchmarks.md) puts
   * the crossover between 0.1 and 0.2 at width 10 and between 0.2 and 0.5 at width 32.
   */
  static final double DENSE_FROM = 0.3;
  /** ... and no larger than this many (row, column) pairs, so the dense residual matrix stays small. */
  static final long DENSE_CELLS_AT_MOST = 4L << 20;

  /** By the cheaper of the two ways for this cell's density. */
  public static CellResult compute(int cell, GridBlock entries, Matrix rowVectors, Matrix colVectors) {
    long pairs = (long) entries.rowIds().length * entries.colIds().length;
    return pairs <= DENSE_CELLS_AT_MOST && entries.size() >= DENSE_FROM * pairs
        ? dense(cell, entries, rowVectors, colVectors)
        : perEntry(cell, entries, rowVectors, colVectors);
  }

  /** One dot product and two axpy-like updates per observed entry: O(|entries| p). */
  public static CellResult perEntry(int cell, GridBlock entries, Matrix rowVectors, Matrix colVectors) {
    int p = rowVectors.rows();
    double[] u = rowVectors.data();
    double[] v = colVectors.data();
    double[] a = new double[p * entries.rowIds().length];
    double[] b = new double[p * entries.colIds().length];
    double squares = 0.0;
    for (int e = 0; e < entries.size(); e++) {
      int i = entries.localRow()[e] * p;
      int j = entries.localCol()[e] * p;
      double r = CompletionKernel.dot(u, i, v, j, p) - entries.values()[e];
      squares += r * r;
      CompletionKernel.addProducts(r, u, i, v, j, p, a, b);
    }
    return new CellResult(cell, squares, entries.rowIds(), new Matrix(p, entries.rowIds().length, a),
        entries.colIds(), new Matrix(p, entries.colIds().length, b));
  }

  /**
   * Three gemms over the whole cell: P = U^T V (every pair's prediction), the residuals R of the observed
   * pairs (zero elsewhere), a = V R^T and b = U R: O(rows cols p), which pays off for dense cells.
   */
  public static CellResult dense(int cell, GridBlock entries, Matrix rowVectors, Matrix colVectors) {
    int p = rowVectors.rows();
    int rows = entries.rowIds().length;
    int cols = entries.colIds().length;
    Matrix predictions = Matrix.zeros(rows, cols);
    Blas.gemm(true, false, 1.0, rowVectors, colVectors, 0.0, predictions);
    Matrix residuals = Matrix.zeros(rows, cols);
    double squares = 0.0;
    for (int e = 0; e < entries.size(); e++) {
      int at = entries.localCol()[e] * rows + entries.localRow()[e];
      double r = predictions.data()[at] - entries.values()[e];
      residuals.data()[at] = r;
      squares += r * r;
    }
    Matrix a = Matrix.zeros(p, rows);
    Blas.gemm(false, true, 1.0, colVectors, residuals, 0.0, a);
    Matrix b = Matrix.zeros(p, cols);
    Blas.gemm(false, false, 1.0, rowVectors, residuals, 0.0, b);
    return new CellResult(cell, squares, entries.rowIds(), a, entries.colIds(), b);
  }
}
