package io.sparkdmf.data;

import io.sparkdmf.core.entries.EntryBlock;
import io.sparkdmf.core.entries.EntryBlockBuilder;
import io.sparkdmf.core.linalg.Matrix;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;

/**
 * The reference synthetic task of Arora et al. (maths.md section 1): U (m x r), V (n x r) i.i.d.
 * N(0, 1), W* = U V^T / sqrt(r) rescaled to ||W*||_F = sqrt(m n) (= n when square, entries of RMS
 * about 1), |Omega| train entries and then {@code test} held-out entries drawn uniformly without
 * replacement. Everything follows from the seed.
 */
public record SyntheticCompletion(int rows, int cols, int rank, int observed, int test, long seed) {

  public SyntheticCompletion {
    if (rows < 1 || cols < 1) {
      throw new IllegalArgumentException("synthetic matrix must be at least 1x1");
    }
    if (rank < 1 || rank > Math.min(rows, cols)) {
      throw new IllegalArgumentException(
          "rank must be between 1 and min(m, n) = " + Math.min(rows, cols) + ", got " + rank);
    }
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
    Map<String, Long> fields = new HashMap<>();
    for (String part : spec.split(",")) {
      String[] keyValue = part.split("=", 2);
      String key = keyValue[0].trim();
      if (keyValue.length != 2 || !List.of("n", "m", "rank", "observed", "test", "seed").contains(key)) {
        throw new IllegalArgumentException("bad synthetic spec part '" + part
            + "': expected key=value with keys n, m, rank, observed, test, seed");
      }
      try {
        fields.put(key, Long.parseLong(keyValue[1].trim()));
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("synthetic spec: " + key + "='" + keyValue[1] + "' is not an integer");
      }
    }
    for (String required : List.of("n", "rank", "observed")) {
      if (!fields.containsKey(required)) {
        throw new IllegalArgumentException("synthetic spec '" + spec + "' needs " + required + "=");
      }
    }
    int n = Math.toIntExact(fields.get("n"));
    return new SyntheticCompletion(Math.toIntExact(fields.getOrDefault("m", (long) n)), n,
        Math.toIntExact(fields.get("rank")), Math.toIntExact(fields.get("observed")),
        Math.toIntExact(fields.getOrDefault("test", 0L)), fields.getOrDefault("seed", 0L));
  }

  public CompletionProblem generate() {
    Random random = new Random(seed);
    Matrix u = Matrix.gaussian(rows, rank, 1.0, random);
    Matrix v = Matrix.gaussian(cols, rank, 1.0, random);
    Matrix truth = u.timesTranspose(v);
    truth.scale(Math.sqrt((double) rows * cols / truth.frobeniusNormSquared()));

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
