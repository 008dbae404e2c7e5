package io.sparkdmf.core.multiview;

import io.sparkdmf.core.linalg.Decompositions;
import io.sparkdmf.core.linalg.Matrix;
import java.util.function.DoubleUnaryOperator;

/** Driver-side helpers on the small (features x rank, rank x rank) matrices of the clustering model. */
final class SmallMatrices {
  /** Eigenvalues below this fraction of the largest count as zero (pseudo-inverses of rank-deficient Grams). */
  private static final double CUTOFF = 1e-12;

  private SmallMatrices() {}

  /** f(A) for a symmetric positive semi-definite A, f applied to the eigenvalues above the cutoff, 0 below. */
  private static Matrix spectralFunction(Matrix a, DoubleUnaryOperator f) {
    Decompositions.SymmetricEigen eigen = Decompositions.symmetricEigen(a);
    double[] values = eigen.eigenvalues();
    double largest = Math.max(Math.abs(values[values.length - 1]), Math.abs(values[0]));
    Matrix scaled = eigen.eigenvectors().copy();
    int n = values.length;
    for (int j = 0; j < n; j++) {
      double factor = values[j] > CUTOFF * largest ? f.applyAsDouble(values[j]) : 0;
      for (int i = 0; i < n; i++) {
        scaled.set(i, j, scaled.get(i, j) * factor);
      }
    }
    return scaled.timesTranspose(eigen.eigenvectors());
  }

  static Matrix pseudoInverse(Matrix symmetric) {
    return spectralFunction(symmetric, v -> 1 / v);
  }

  static Matrix inverseSqrt(Matrix symmetric) {
    return spectralFunction(symmetric, v -> 1 / Math.sqrt(v));
  }

  /** The orthogonal polar factor U V^T of a square matrix (its nearest orthogonal matrix). */
  static Matrix polar(Matrix square) {
    Decompositions.Svd svd = Decompositions.svd(square);
    return svd.u().times(svd.vt());
  }

  /**
   * Which entries of a non-negative diagonal its pseudo-inverse keeps: those above the cutoff relative
   * to the largest, as {@link #pseudoInverse} of diag(values) would.
   */
  static boolean[] aboveCutoff(double[] values) {
    double largest = 0;
    for (double v : values) {
      largest = Math.max(largest, Math.abs(v));
    }
    boolean[] kept = new boolean[values.length];
    for (int k = 0; k < values.length; k++) {
      kept[k] = values[k] > CUTOFF * largest;
    }
    return kept;
  }

  /** A with the rows not {@code kept} set to zero, in place; returns A. */
  static Matrix keepRows(Matrix a, boolean[] kept) {
    for (int j = 0; j < a.cols(); j++) {
      for (int i = 0; i < a.rows(); i++) {
        if (!kept[i]) {
          a.set(i, j, 0);
        }
      }
    }
    return a;
  }

  /** Element-wise into[v] += other[v]; returns into (a {@link io.sparkdmf.core.engine.UpdatableBlocks.Merge}). */
  static Matrix[] add(Matrix[] into, Matrix[] other) {
    for (int v = 0; v < into.length; v++) {
      into[v].addScaled(1.0, other[v]);
    }
    return into;
  }

  static double trace(Matrix a) {
    double t = 0;
    for (int i = 0; i < Math.min(a.rows(), a.cols()); i++) {
      t += a.get(i, i);
    }
    return t;
  }
}
