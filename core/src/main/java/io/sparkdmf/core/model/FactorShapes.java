package io.sparkdmf.core.model;

import java.io.Serializable;

/**
 * The dimensions d_0 = n, d_1 .. d_{N-1} = hidden width, d_N = m of a depth-N factorization of an
 * m x n matrix. The hidden width defaults to min(m, n) ("full"), as in the published experiments.
 */
public record FactorShapes(int rows, int cols, int depth, int hiddenWidth) implements Serializable {

  public FactorShapes {
    if (rows < 1 || cols < 1) {
      throw new IllegalArgumentException("matrix must be at least 1x1, got " + rows + "x" + cols);
    }
    if (depth < 1) {
      throw new IllegalArgumentException("depth must be at least 1, got " + depth);
    }
    if (hiddenWidth < 1) {
      throw new IllegalArgumentException("hidden width must be at least 1, got " + hiddenWidth);
    }
  }

  public static FactorShapes fullWidth(int rows, int cols, int depth) {
    return new FactorShapes(rows, cols, depth, Math.min(rows, cols));
  }

  /** d_k for k = 0..N. */
  public int dim(int k) {
    if (k == 0) {
      return cols;
    }
    return k == depth ? rows : hiddenWidth;
  }
}
