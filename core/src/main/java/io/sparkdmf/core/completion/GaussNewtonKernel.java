package io.sparkdmf.core.completion;

import java.io.Serializable;

/**
 * The per-partition work of a Gauss-Newton product J^T P_Omega J Z: for each observed entry the
 * directional derivative dW_ij = du_i . dv_j of the product along Z, then the same two
 * accumulations as a gradient step with dW_ij in place of the residual. The squared-residual sum it
 * reports is ||P_Omega dW||^2 = Z^T J^T P_Omega J Z.
 */
final class GaussNewtonKernel extends CompletionPartialKernel<GaussNewtonKernel.Panels> {
  private static final long serialVersionUID = 1L;

  /** The model's panels (W = U V) and the direction's (dW = dU dV), shipped together. */
  public record Panels(FactorPanels model, FactorPanels direction) implements Serializable {}

  @Override
  public CompletionPartial accumulate(Panels panels, EntryBlock block, CompletionPartial into) {
    int p = panels.model().inner();
    double[] u = panels.model().leftT().data();
    double[] v = panels.model().right().data();
    double[] rowGradT = into.rowGradT(p * panels.model().rows());
    double[] colGrad = into.colGrad(p * panels.model().cols());
    int q = panels.direction().inner();
    double[] du = panels.direction().leftT().data();
    double[] dv = panels.direction().right().data();
    for (int e = 0; e < block.size(); e++) {
      int i = block.row(e);
      int j = block.col(e);
      double dw = CompletionKernel.dot(du, i * q, dv, j * q, q);
      into.addResidual(dw);
      CompletionKernel.addProducts(dw, u, i * p, v, j * p, p, rowGradT, colGrad);
    }
    return into;
  }
}
