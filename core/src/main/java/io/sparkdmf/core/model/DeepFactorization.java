package io.sparkdmf.core.model;

import io.sparkdmf.core.linalg.Matrix;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The model: an m x n matrix W = W_N ... W_1 held as its N factors, W_k of size d_k x d_{k-1} with
 * d_0 = n and d_N = m. Factors are mutable in place so optimizers can update them without copying.
 */
public final class DeepFactorization implements Serializable {
  private static final long serialVersionUID = 1L;

  private final List<Matrix> factors;

  /** @param factors W_1 first, W_N last; consecutive shapes must chain. */
  public DeepFactorization(List<Matrix> factors) {
    if (factors.isEmpty()) {
      throw new IllegalArgumentException("a factorization needs at least one factor");
    }
    for (int k = 1; k < factors.size(); k++) {
      if (factors.get(k).cols() != factors.get(k - 1).rows()) {
        throw new IllegalArgumentException("factor W_" + (k + 1) + " has " + factors.get(k).cols()
            + " columns but W_" + k + " has " + factors.get(k - 1).rows() + " rows");
      }
    }
    this.factors = new ArrayList<>(factors);
  }

  public int depth() {
    return factors.size();
  }

  public int rows() {
    return factors.get(factors.size() - 1).rows();
  }

  public int cols() {
    return factors.get(0).cols();
  }

  /** W_k for k = 1..N. */
  public Matrix factor(int k) {
    return factors.get(k - 1);
  }

  /** W_1..W_N, live views of the model's own factors. */
  public List<Matrix> factors() {
    return Collections.unmodifiableList(factors);
  }

  /**
   * The products of the first factors: element k-1 is B_k = W_{k-1} ... W_1 for k = 1..N, with
   * B_1 = null standing for the n x n identity (never materialised). The end-to-end W = W_N B_N is
   * not among them: it is m x n, which the sparse objectives never need.
   */
  public List<Matrix> prefixProducts() {
    List<Matrix> prefixes = new ArrayList<>(factors.size());
    prefixes.add(null);
    Matrix running = null;
    for (Matrix w : factors.subList(0, factors.size() - 1)) {
      running = running == null ? w : w.times(running);
      prefixes.add(running);
    }
    return prefixes;
  }

  /** The end-to-end matrix W = W_N ... W_1 (a fresh matrix). */
  public Matrix endToEnd() {
    return endToEnd(prefixProducts());
  }

  /** W = W_N B_N from already computed {@link #prefixProducts()} (a fresh matrix). */
  public Matrix endToEnd(List<Matrix> prefixes) {
    Matrix last = factors.get(factors.size() - 1);
    Matrix before = prefixes.get(factors.size() - 1);
    return before == null ? last.copy() : last.times(before);
  }

  public DeepFactorization copy() {
    List<Matrix> copies = new ArrayList<>(factors.size());
    for (Matrix w : factors) {
      copies.add(w.copy());
    }
    return new DeepFactorization(copies);
  }

  /** Overwrites this model's factors with another's values (same shapes). */
  public void assign(DeepFactorization other) {
    for (int k = 0; k < factors.size(); k++) {
      System.arraycopy(other.factors.get(k).data(), 0, factors.get(k).data(), 0,
          factors.get(k).data().length);
    }
  }

  public boolean allFinite() {
    return factors.stream().allMatch(Matrix::allFinite);
  }
}
