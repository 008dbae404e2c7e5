package io.sparkdmf.core.penalty;

import io.sparkdmf.core.completion.EntryCounts;
import io.sparkdmf.core.linalg.Matrix;
import io.sparkdmf.core.model.DeepFactorization;
import java.io.Serializable;
import java.util.List;

/**
 * The weighted L2 penalty of MLlib's ALS ("ALS-WR") carried over to a deep factorization:
 * <pre>
 *   lambda / |Omega| (sum_i n_i |row i of W_N|^2 + sum_j n_j |column j of W_1|^2) + lambda sum_{1<k<N} |W_k|_F^2
 * </pre>
 * with n_i, n_j the observed entries of row i and column j. Each vector is weighted by the entries it
 * serves, so a user with few ratings is not shrunk harder than one with many; the inner factors serve
 * every entry and carry the weight of all of them. Added to the mean squared loss, lambda means what
 * ALS's regParam means for its sum of squares, so the values users tune for ALS carry over.
 *
 * @param rowShare n_i / |Omega| for every row
 * @param colShare n_j / |Omega| for every column
 */
public record FactorPenalty(double lambda, double[] rowShare, double[] colShare) implements Serializable {

  public FactorPenalty {
    requireValidWeight(lambda);
  }

  /** {@code lambda} if it is a usable weight (finite, >= 0); an IllegalArgumentException otherwise. */
  public static double requireValidWeight(double lambda) {
    if (!(lambda >= 0) || Double.isInfinite(lambda)) {
      throw new IllegalArgumentException("the regularization weight must be finite and >= 0, got " + lambda);
    }
    return lambda;
  }

  /** Fails unless a model of {@code depth} has the outer factor on each side that the penalty weights. */
  public static void requireOuterFactors(int depth) {
    if (depth < 2) {
      throw new IllegalArgumentException("the factor penalty needs depth >= 2 (an outer factor on each side), got "
          + depth);
    }
  }

  /** The penalty for entries counted by {@code counts}. */
  public static FactorPenalty of(double lambda, EntryCounts counts) {
    return new FactorPenalty(lambda, counts.rowShares(), counts.colShares());
  }

  /** Adds the penalty's gradient to {@code gradients} (W_1's first), in place. */
  public void addGradient(DeepFactorization model, List<Matrix> gradients) {
    int depth = model.depth();
    requireOuterFactors(depth);
    addWeightedColumns(gradients.get(0), model.factor(1), colShare, lambda);
    for (int k = 2; k < depth; k++) {
      gradients.get(k - 1).addScaled(2 * lambda, model.factor(k));
    }
    addWeightedRows(gradients.get(depth - 1), model.factor(depth), rowShare, lambda);
  }

  /** The penalty's value at {@code model}. */
  public double value(DeepFactorization model) {
    int depth = model.depth();
    double sum = weightedColumnSquares(model.factor(1), colShare);
    for (int k = 2; k < depth; k++) {
      sum += model.factor(k).frobeniusNormSquared();
    }
    Matrix outer = model.factor(depth);
    double[] data = outer.data();
    for (int c = 0; c < outer.cols(); c++) {
      for (int i = 0; i < outer.rows(); i++) {
        double v = data[i + c * outer.rows()];
        sum += rowShare[i] * v * v;
      }
    }
    return lambda * sum;
  }

  /**
   * gradient[:, c] += 2 lambda share[c] vectors[:, c]: the penalty's gradient for vectors held as
   * columns (W_1 on the driver, both sides' factor blocks in the block engine).
   */
  public static void addWeightedColumns(Matrix gradient, Matrix vectors, double[] share, double lambda) {
    double[] g = gradient.data();
    double[] v = vectors.data();
    int width = vectors.rows();
    for (int c = 0; c < vectors.cols(); c++) {
      double weight = 2 * lambda * share[c];
      for (int r = c * width; r < (c + 1) * width; r++) {
        g[r] += weight * v[r];
      }
    }
  }

  /** sum_c share[c] |vectors[:, c]|^2. */
  private static double weightedColumnSquares(Matrix vectors, double[] share) {
    double[] v = vectors.data();
    int width = vectors.rows();
    double sum = 0;
    for (int c = 0; c < vectors.cols(); c++) {
      double squares = 0;
      for (int r = c * width; r < (c + 1) * width; r++) {
        squares += v[r] * v[r];
      }
      sum += share[c] * squares;
    }
    return sum;
  }

  private static void addWeightedRows(Matrix gradient, Matrix outer, double[] share, double lambda) {
    double[] g = gradient.data();
    double[] w = outer.data();
    int rows = outer.rows();
    for (int c = 0; c < outer.cols(); c++) {
      for (int i = 0; i < rows; i++) {
        g[i + c * rows] += 2 * lambda * share[i] * w[i + c * rows];
      }
    }
  }
}
