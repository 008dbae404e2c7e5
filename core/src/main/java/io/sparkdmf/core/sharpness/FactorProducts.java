package io.sparkdmf.core.sharpness;

import io.sparkdmf.core.linalg.Matrix;
import java.util.List;

/**
 * Partial products of the factors W_1 .. W_N of a (small, driver-held) factorization:
 * {@code product(i, j)} = W_j ... W_i, the identity of size d_{i-1} when the range is empty.
 * A_k = product(k+1, N) and B_k = product(1, k-1) are the factors around W_k in W = A_k W_k B_k.
 */
final class FactorProducts {
  private final List<Matrix> factors;

  FactorProducts(List<Matrix> factors) {
    this.factors = factors;
  }

  int depth() {
    return factors.size();
  }

  Matrix factor(int k) {
    return factors.get(k - 1);
  }

  /** d_k: d_0 = n (columns of W_1), d_k = rows of W_k. */
  int dim(int k) {
    return k == 0 ? factors.get(0).cols() : factors.get(k - 1).rows();
  }

  Matrix product(int from, int to) {
    Matrix product = null;
    for (int k = from; k <= to; k++) {
      product = product == null ? factor(k) : factor(k).times(product);
    }
    return product == null ? Matrix.identity(dim(from - 1), dim(from - 1)) : product;
  }

  Matrix left(int k) {
    return product(k + 1, depth());
  }

  Matrix right(int k) {
    return product(1, k - 1);
  }

  Matrix endToEnd() {
    return product(1, depth());
  }
}
