package io.sparkdmf.core.sharpness;

import io.sparkdmf.core.linalg.Matrix;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Partial products of the factors W_1 .. W_N of a (small, driver-held) factorization:
 * {@code product(i, j)} = W_j ... W_i, the identity of size d_{i-1} when the range is empty.
 * A_k = product(k+1, N) and B_k = product(1, k-1) are the factors around W_k in W = A_k W_k B_k.
 * Products are memoized: a Hessian-vector product uses each of them many times, and Lanczos calls it
 * once per iteration at the same point.
 */
final class FactorProducts {
  private final List<Matrix> factors;
  private final Map<Long, Matrix> products = new HashMap<>();

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

  /** W_to ... W_from; shared, do not modify. */
  Matrix product(int from, int to) {
    if (from > to) {
      return products.computeIfAbsent(key(from, from - 1), k -> Matrix.identity(dim(from - 1), dim(from - 1)));
    }
    Matrix cached = products.get(key(from, to));
    if (cached == null) {
      cached = from == to ? factor(from) : factor(to).times(product(from, to - 1));
      products.put(key(from, to), cached);
    }
    return cached;
  }

  private static long key(int from, int to) {
    return ((long) from << 32) | (to & 0xffffffffL);
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
