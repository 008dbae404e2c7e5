package io.sparkdmf.core.completion;

import io.sparkdmf.core.linalg.Blas;

/**
 * The per-partition work of a completion step, shared by every engine: for each observed entry the
 * residual r_ij = u_i . v_j - M_ij, and when gradients are wanted the two accumulations
 * row i of (G V^T) += r_ij v_j and column j of (U^T G) += r_ij u_i. Each costs O(p) per entry over
 * contiguous memory, in the JVM (see {@link Blas#dotRange}); the dense O(p^2 n) remainder is done
 * once on the driver.
 */
public final class CompletionKernel extends CompletionPartialKernel<FactorPanels> {
  private static final long serialVersionUID = 1L;

  private final Mode mode;

  public CompletionKernel(Mode mode) {
    this.mode = mode;
  }

  /** What to accumulate besides the squared residuals. */
  public enum Mode {
    /** Loss only (evaluation on held-out entries). */
    LOSS,
    /** Loss and G V^T: enough for a depth-1 model, whose only gradient is G. */
    ROW_GRADIENT,
    /** Loss, G V^T and U^T G: every factor of a deep model. */
    FULL_GRADIENT
  }

  @Override
  public CompletionPartial accumulate(FactorPanels panels, EntryBlock block, CompletionPartial into) {
    int p = panels.inner();
    double[] u = panels.leftT().data();
    double[] v = panels.right().data();
    double[] rowGradT = mode == Mode.LOSS ? null : into.rowGradT(p * panels.rows());
    double[] colGrad = mode == Mode.FULL_GRADIENT ? into.colGrad(p * panels.cols()) : null;
    for (int e = 0; e < block.size(); e++) {
      int a = block.row(e) * p;
      int b = block.col(e) * p;
      double r = dot(u, a, v, b, p) - block.value(e);
      into.addResidual(r);
      addProducts(r, u, a, v, b, p, rowGradT, colGrad);
    }
    return into;
  }

  /** Row i of (G V^T) += g_ij v_j and column j of (U^T G) += g_ij u_i, for the arrays that are non-null. */
  public static void addProducts(double g, double[] u, int a, double[] v, int b, int p, double[] rowGradT,
      double[] colGrad) {
    if (rowGradT != null) {
      Blas.axpyRange(p, g, v, b, rowGradT, a);
    }
    if (colGrad != null) {
      Blas.axpyRange(p, g, u, a, colGrad, b);
    }
  }

  /** u[a..a+p) . v[b..b+p). */
  public static double dot(double[] u, int a, double[] v, int b, int p) {
    return Blas.dotRange(p, u, a, v, b);
  }
}
