package io.sparkdmf.core.objective;

import io.sparkdmf.core.linalg.Matrix;
import io.sparkdmf.core.model.DeepFactorization;
import java.util.Arrays;
import java.util.List;

/**
 * Turns the end-to-end gradient G into factor gradients dL/dW_k = A_k^T G B_k^T (docs/maths.md §1)
 * from just two products with G, whichever way they were computed (sparse for completion, dense for
 * sensing): {@code gvt} = G V^T with V = W_{N-1}...W_1, which is the gradient of W_N, and
 * {@code utg} = U^T G with U = W_N. With Q_{N-1} = U^T G and Q_{k-1} = W_k^T Q_k,
 * dL/dW_k = Q_k B_k^T, all dense products on the driver.
 */
public final class FactorGradients {
  private FactorGradients() {}

  /**
   * @param prefixes B_1..B_N from {@link DeepFactorization#prefixProducts()}
   * @param utg U^T G, unused (may be null) for depth 1
   */
  public static List<Matrix> assemble(DeepFactorization model, List<Matrix> prefixes, Matrix gvt, Matrix utg) {
    int depth = model.depth();
    Matrix[] gradients = new Matrix[depth];
    gradients[depth - 1] = gvt;
    Matrix q = utg;
    for (int k = depth - 1; k >= 1; k--) {
      Matrix bk = prefixes.get(k - 1);
      gradients[k - 1] = bk == null ? q : q.timesTranspose(bk);
      if (k > 1) {
        q = model.factor(k).transposeTimes(q);
      }
    }
    return Arrays.asList(gradients);
  }

  /** Factor gradients from a dense end-to-end gradient G (m x n). */
  public static List<Matrix> fromEndToEnd(DeepFactorization model, List<Matrix> prefixes, Matrix g) {
    int depth = model.depth();
    Matrix gvt = depth == 1 ? g : g.timesTranspose(right(model, prefixes));
    Matrix utg = depth == 1 ? null : model.factor(depth).transposeTimes(g);
    return assemble(model, prefixes, gvt, utg);
  }

  /** U = W_N and V = W_{N-1}...W_1 (the n x n identity for depth 1): W = U V. */
  public static Matrix right(DeepFactorization model, List<Matrix> prefixes) {
    int depth = model.depth();
    return depth == 1 ? Matrix.identity(model.cols(), model.cols()) : prefixes.get(depth - 1);
  }
}
