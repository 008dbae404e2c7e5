package io.sparkdmf.core.completion;


/**
 * The per-partition work of a completion step, shared by every engine: for each observed entry the
 * residual r_ij = u_i . v_j - M_ij, and when gradients are wanted the two accumulations
 * row i of (G V^T) += r_ij v_j and column j of (U^T G) += r_ij u_i. Each costs O(p) per entry in
 * plain loops over contiguous memory; the dense O(p^2 n) remainder is done once on the driver.
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
  static void addProducts(double g, double[] u, int a, double[] v, int b, int p, double[] rowGradT,
      double[] colGrad) {
    if (rowGradT != null) {
      for (int k = 0; k < p; k++) {
        rowGradT[a + k] += g * v[b + k];
      }
    }
    if (colGrad != null) {
      for (int k = 0; k < p; k++) {
        colGrad[b + k] += g * u[a + k];
      }
    }
  }

  /**
   * u[a..a+p) . v[b..b+p) with four running sums: the JIT does not vectorise a floating-point
   * reduction on its own, and independent sums let the CPU overlap the additions.
   */
  public static double dot(double[] u, int a, double[] v, int b, int p) {
    double s0 = 0;
    double s1 = 0;
    double s2 = 0;
    double s3 = 0;
    int k = 0;
    for (; k + 3 < p; k += 4) {
      s0 += u[a + k] * v[b + k];
      s1 += u[a + k + 1] * v[b + k + 1];
      s2 += u[a + k + 2] * v[b + k + 2];
      s3 += u[a + k + 3] * v[b + k + 3];
    }
    for (; k < p; k++) {
      s0 += u[a + k] * v[b + k];
    }
    return (s0 + s1) + (s2 + s3);
  }
}
