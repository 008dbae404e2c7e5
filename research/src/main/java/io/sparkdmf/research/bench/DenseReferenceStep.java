package io.sparkdmf.research.bench;

import io.sparkdmf.core.completion.EntryBlock;
import io.sparkdmf.core.linalg.Matrix;
import io.sparkdmf.core.model.DeepFactorization;
import java.util.ArrayList;
import java.util.List;

/**
 * The benchmark's baseline: a completion step done the way the authors' PyTorch code does it, on
 * the same BLAS. The dense product W, a dense masked residual G = (2/|Omega|) P_Omega(W - M), and
 * every gradient A_k^T G B_k^T by dense products, as reverse-mode differentiation of the product
 * computes them.
 */
public final class DenseReferenceStep {
  private final EntryBlock entries;

  public DenseReferenceStep(EntryBlock entries) {
    this.entries = entries;
  }

  /** The factor gradients at {@code model}, W_1's first. */
  public List<Matrix> gradients(DeepFactorization model) {
    int depth = model.depth();
    List<Matrix> prefixes = model.prefixProducts();
    Matrix w = model.endToEnd(prefixes);
    Matrix g = Matrix.zeros(model.rows(), model.cols());
    double scale = 2.0 / entries.size();
    for (int e = 0; e < entries.size(); e++) {
      int i = entries.row(e);
      int j = entries.col(e);
      g.set(i, j, scale * (w.get(i, j) - entries.value(e)));
    }
    List<Matrix> gradients = new ArrayList<>(depth);
    Matrix left = g; // A_k^T G, built from the top: A_N = I
    Matrix[] reversed = new Matrix[depth];
    for (int k = depth; k >= 1; k--) {
      Matrix bk = prefixes.get(k - 1);
      reversed[k - 1] = bk == null ? left : left.timesTranspose(bk);
      left = model.factor(k).transposeTimes(left);
    }
    for (Matrix gradient : reversed) {
      gradients.add(gradient);
    }
    return gradients;
  }
}
