package io.sparkdmf.core.blocked;

import io.sparkdmf.core.completion.CompletionKernel;
import io.sparkdmf.core.linalg.Matrix;
import java.io.Serializable;

/**
 * What one grid cell computes in a step from the row vectors u~_i = M^T u_i and column vectors v_j
 * it received (M = W_{N-1} ... W_2): the residuals r_ij = u~_i . v_j - M_ij, their squared sum, and
 * the unscaled sums a_i = sum_j r_ij v_j (for its rows) and b_j = sum_i r_ij u~_i (for its columns),
 * which go back to the row and column blocks.
 */
public record CellResult(int cell, double squaredResiduals, int[] rowIds, Matrix rowSums, int[] colIds,
    Matrix colSums) implements Serializable {

  public static CellResult compute(int cell, GridBlock entries, Matrix rowVectors, Matrix colVectors) {
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
      for (int k = 0; k < p; k++) {
        a[i + k] += r * v[j + k];
        b[j + k] += r * u[i + k];
      }
    }
    return new CellResult(cell, squares, entries.rowIds(), new Matrix(p, entries.rowIds().length, a),
        entries.colIds(), new Matrix(p, entries.colIds().length, b));
  }
}
