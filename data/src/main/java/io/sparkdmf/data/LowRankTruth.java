package io.sparkdmf.data;

import io.sparkdmf.core.linalg.Matrix;
import java.util.Random;

/**
 * The reference ground truth (docs/maths.md §1): U (m x r), V (n x r) i.i.d. N(0, 1),
 * W* = U V^T rescaled to ||W*||_F = sqrt(m n) (= n when square), so entries have RMS about 1.
 */
final class LowRankTruth {
  private LowRankTruth() {}

  static void checkShape(int rows, int cols, int rank) {
    if (rows < 1 || cols < 1) {
      throw new IllegalArgumentException("synthetic matrix must be at least 1x1");
    }
    if (rank < 1 || rank > Math.min(rows, cols)) {
      throw new IllegalArgumentException(
          "rank must be between 1 and min(m, n) = " + Math.min(rows, cols) + ", got " + rank);
    }
  }

  static Matrix generate(int rows, int cols, int rank, Random random) {
    Matrix u = Matrix.gaussian(rows, rank, 1.0, random);
    Matrix v = Matrix.gaussian(cols, rank, 1.0, random);
    Matrix truth = u.timesTranspose(v);
    truth.scale(Math.sqrt((double) rows * cols / truth.frobeniusNormSquared()));
    return truth;
  }
}
