package io.sparkdmf.core.completion;

import io.sparkdmf.core.linalg.Matrix;
import java.io.Serializable;

/**
 * What a partition needs to evaluate its entries of W = U V, shipped (broadcast) once per step:
 * {@code leftT} = U^T (p x m, so row i of U is contiguous) and {@code right} = V (p x n, column j
 * contiguous). For a depth-N model U = W_N and V = W_{N-1} ... W_1 (the identity for N = 1).
 */
public record FactorPanels(Matrix leftT, Matrix right) implements Serializable {

  public FactorPanels {
    if (leftT.rows() != right.rows()) {
      throw new IllegalArgumentException("panels disagree on the inner dimension: "
          + leftT.rows() + " vs " + right.rows());
    }
  }

  public int inner() {
    return right.rows();
  }

  public int rows() {
    return leftT.cols();
  }

  public int cols() {
    return right.cols();
  }

  /** W_ij = u_i . v_j. */
  public double predict(int i, int j) {
    int p = inner();
    return CompletionKernel.dot(leftT.data(), i * p, right.data(), j * p, p);
  }
}
