package io.sparkdmf.data;

import io.sparkdmf.core.completion.EntryBlock;
import io.sparkdmf.core.completion.EntryBlockBuilder;
import io.sparkdmf.core.linalg.Matrix;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Random;

/**
 * The reference synthetic completion task of Arora et al. (docs/maths.md §1): a {@link
 * LowRankTruth}, |Omega| train entries and then {@code test} held-out entries drawn uniformly
 * without replacement. Everything follows from the seed.
 */
public record SyntheticCompletion(int rows, int cols, int rank, int observed, int test, long seed) {

  public SyntheticCompletion {
    LowRankTruth.checkShape(rows, cols, rank);
    if (observed < 1 || test < 0 || (long) observed + test > (long) rows * cols) {
      throw new IllegalArgumentException("observed + test entries (" + observed + " + " + test
          + ") must be positive and at most m n = " + (long) rows * cols);
    }
  }

  /**
   * Parses a spec such as {@code n=100,rank=5,observed=2000,seed=0}; {@code m=} makes the matrix
   * m x n (default square), {@code test=} adds held-out entries (default 0).
   */
  public static SyntheticCompletion parse(String spec) {
    SyntheticSpec fields = new SyntheticSpec(spec, "observed");
    return new SyntheticCompletion(fields.rows(), fields.cols(), fields.rank(), fields.count(), fields.test(),
        fields.seed());
  }

  public CompletionProblem generate() {
    Random random = new Random(seed);
    Matrix truth = LowRankTruth.generate(rows, cols, rank, random);

    long[] positions = distinctPositions((long) rows * cols, observed + test, random);
    return new CompletionProblem(rows, cols, entries(truth, positions, 0, observed),
        entries(truth, positions, observed, observed + test), Optional.of(truth));
  }

  private static EntryBlock entries(Matrix truth, long[] positions, int from, int to) {
    EntryBlockBuilder builder = new EntryBlockBuilder();
    for (int e = from; e < to; e++) {
      int i = (int) (positions[e] % truth.rows());
      int j = (int) (positions[e] / truth.rows());
      builder.add(i, j, truth.get(i, j));
    }
    return builder.build();
  }

  /**
   * The first k elements of a uniformly random permutation of 0..size-1: a partial Fisher-Yates
   * shuffle whose displaced elements are kept in a map, so memory is O(k) however large size is.
   */
  static long[] distinctPositions(long size, int k, Random random) {
    Map<Long, Long> displaced = new HashMap<>();
    long[] chosen = new long[k];
    for (int t = 0; t < k; t++) {
      long pick = t + (long) (random.nextDouble() * (size - t));
      long atPick = displaced.getOrDefault(pick, pick);
      displaced.put(pick, displaced.getOrDefault((long) t, (long) t));
      chosen[t] = atPick;
    }
    return chosen;
  }
}
