package io.sparkdmf.core.gradient;

import io.sparkdmf.core.entries.EntryBlock;
import java.io.Serializable;

/**
 * The per-partition work of a completion step, shared by every engine: for each observed entry the
 * residual r_ij = u_i . v_j - M_ij, and when gradients are wanted the two accumulations
 * row i of (G V^T) += r_ij v_j and column j of (U^T G) += r_ij u_i. Each costs O(p) per entry in
 * plain loops over contiguous memory; the dense O(p^2 n) remainder is done once on the driver.
 */
public record CompletionKernel(Mode mode) implements Serializable {

  /** What to accumulate besides the squared residuals. */
  public enum Mode {
    /** Loss only (evaluation on held-out entries). */
    LOSS,
    /** Loss and G V^T: enough for a depth-1 model, whose only gradient is G. */
    ROW_GRADIENT,
    /** Loss, G V^T and U^T G: every factor of a deep model. */
    FULL_GRADIENT
  }

  public GradientPartial accumulate(FactorPanels panels, EntryBlock block, GradientPartial into) {
    int p = panels.inner();
    double[] u = panels.leftT().data();
    double[] v = panels.right().data();
    double[] rowGradT = mode == Mode.LOSS ? null : into.rowGradT(p * panels.rows());
    double[] colGrad = mode == Mode.FULL_GRADIENT ? into.colGrad(p * panels.cols()) : null;
    for (int e = 0; e < block.size(); e++) {
      int a = block.row(e) * p;
      int b = block.col(e) * p;
      double prediction = 0.0;
      for (int k = 0; k < p; k++) {
        prediction += u[a + k] * v[b + k];
      }
      double r = prediction - block.value(e);
      into.addResidual(r);
      if (rowGradT != null) {
        for (int k = 0; k < p; k++) {
          rowGradT[a + k] += r * v[b + k];
        }
      }
      if (colGrad != null) {
        for (int k = 0; k < p; k++) {
          colGrad[b + k] += r * u[a + k];
        }
      }
    }
    return into;
  }
}
