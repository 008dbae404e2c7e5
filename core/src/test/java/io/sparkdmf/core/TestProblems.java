package io.sparkdmf.core;

import io.sparkdmf.core.completion.EntryBlock;
import io.sparkdmf.core.completion.EntryBlockBuilder;
import io.sparkdmf.core.linalg.Matrix;
import java.util.Random;

/** Small random inputs for core tests (the reference generator lives in the data module). */
public final class TestProblems {
  private TestProblems() {}

  /** Every entry of {@code truth} kept with probability {@code fraction}. */
  public static EntryBlock sample(Matrix truth, double fraction, long seed) {
    Random random = new Random(seed);
    EntryBlockBuilder builder = new EntryBlockBuilder();
    for (int j = 0; j < truth.cols(); j++) {
      for (int i = 0; i < truth.rows(); i++) {
        if (random.nextDouble() < fraction) {
          builder.add(i, j, truth.get(i, j));
        }
      }
    }
    return builder.build();
  }

  /** A random m x n matrix of the given rank with entries of order one. */
  public static Matrix lowRank(int m, int n, int rank, long seed) {
    Random random = new Random(seed);
    Matrix left = Matrix.gaussian(m, rank, 1.0, random);
    Matrix right = Matrix.gaussian(rank, n, 1.0 / Math.sqrt(rank), random);
    return left.times(right);
  }
}
