package io.sparkdmf.core.multiview;

import io.sparkdmf.core.linalg.DataMatrix;
import io.sparkdmf.core.linalg.Matrix;
import java.util.ArrayList;
import java.util.SplittableRandom;
import java.util.List;
import java.util.PriorityQueue;
import java.util.TreeSet;

/**
 * The symmetric k-nearest-neighbour graph of one view's samples, with unit edge weights: s and t are
 * joined when either is among the other's {@code neighbours} nearest (Euclidean). Its Laplacian
 * L = D - W is the graph term of the model (tr(H L H^T) = half the sum over edges of ||h_s - h_t||^2),
 * which pulls the coefficients of samples close in feature space together, the non-linear structure a
 * linear factorization alone cannot see.
 *
 * <p>Up to {@value #EXACT_SAMPLES} samples the neighbours are exact, from products of sample chunks
 * with the whole view (O(n^2 d) dense, O(n nnz) sparse, memory bounded by the chunk); above, they come
 * from an HNSW index ({@link ApproximateNeighbours}), near O(n log n), whose recall against the exact
 * lists is measured in the tests and docs/multiview.md.
 */
public final class NeighbourGraph {
  /** Neighbours per sample unless told otherwise: enough to connect a class, few enough to stay inside it. */
  public static final int DEFAULT_NEIGHBOURS = 10;
  /** Up to this many samples the graph is exact. */
  public static final int EXACT_SAMPLES = 5000;
  /** Most doubles in one dense chunk of samples. */
  private static final long CHUNK_VALUES = 1 << 22;

  private NeighbourGraph() {}

  /**
   * Neighbour lists, sorted, for a view given as samples x features: exact or approximate by size.
   *
   * @throws IllegalArgumentException when the view has no more samples than {@code neighbours}
   */
  public static int[][] of(DataMatrix view, int neighbours) {
    checkCount(view.rows(), neighbours);
    DataMatrix bySample = view.transpose().compact();
    return symmetric(view.rows() <= EXACT_SAMPLES ? exactNearest(bySample, view.rowSquaredNorms().data(), neighbours)
        : ApproximateNeighbours.nearest(bySample, neighbours));
  }

  /**
   * The recall of the approximate search on this view: over {@code queries} samples drawn with the
   * seed, the share of the approximate neighbours that are no farther than the exact
   * {@code neighbours}-th nearest. (Counting by distance, not identity, so that among equally distant
   * samples, common with word counts, any choice is right.)
   */
  public static double approximateRecall(DataMatrix view, int neighbours, int queries, long seed) {
    checkCount(view.rows(), neighbours);
    DataMatrix bySample = view.transpose().compact();
    int[][] approximate = ApproximateNeighbours.nearest(bySample, neighbours);
    double[] norms = view.rowSquaredNorms().data();
    SplittableRandom random = new SplittableRandom(seed);
    long found = 0;
    for (int q = 0; q < queries; q++) {
      int s = random.nextInt(view.rows());
      Matrix inner = bySample.transposeTimes(bySample.columns(s, s + 1).dense());
      double farthest = 0;
      for (int t : nearest(inner, 0, s, norms, neighbours)) {
        farthest = Math.max(farthest, distance(inner, 0, s, t, norms));
      }
      for (int t : approximate[s]) {
        found += distance(inner, 0, s, t, norms) <= farthest * (1 + 1e-12) ? 1 : 0;
      }
    }
    return (double) found / ((long) queries * neighbours);
  }

  private static double distance(Matrix inner, int c, int s, int t, double[] norms) {
    return norms[s] + norms[t] - 2 * inner.get(t, c);
  }

  static void checkCount(int samples, int neighbours) {
    if (neighbours < 1 || neighbours >= samples) {
      throw new IllegalArgumentException("need 1 <= neighbours < samples, got " + neighbours + " neighbours for "
          + samples + " samples");
    }
  }

  /** Each directed list joined both ways, sorted. */
  static int[][] symmetric(int[][] nearest) {
    int n = nearest.length;
    List<TreeSet<Integer>> adjacency = new ArrayList<>(n);
    for (int s = 0; s < n; s++) {
      adjacency.add(new TreeSet<>());
    }
    for (int s = 0; s < n; s++) {
      for (int t : nearest[s]) {
        adjacency.get(s).add(t);
        adjacency.get(t).add(s);
      }
    }
    int[][] out = new int[n][];
    for (int s = 0; s < n; s++) {
      out[s] = adjacency.get(s).stream().mapToInt(Integer::intValue).toArray();
    }
    return out;
  }

  /**
   * The exact {@code count} nearest samples of every sample (columns of features x samples, with their
   * squared norms), ties to the lower index: inner products of a chunk of samples with all of them, one
   * product per chunk.
   */
  static int[][] exactNearest(DataMatrix bySample, double[] norms, int count) {
    int n = bySample.cols();
    int chunk = (int) Math.max(1, Math.min(512, CHUNK_VALUES / Math.max(1, bySample.rows())));
    int[][] out = new int[n][];
    for (int from = 0; from < n; from += chunk) {
      int to = Math.min(n, from + chunk);
      Matrix inner = bySample.transposeTimes(bySample.columns(from, to).dense()); // n x chunk
      for (int s = from; s < to; s++) {
        out[s] = nearest(inner, s - from, s, norms, count);
      }
    }
    return out;
  }

  /** The {@code count} samples nearest sample s (column c of the inner products), ties to the lower index. */
  private static int[] nearest(Matrix inner, int c, int s, double[] norms, int count) {
    // a max-heap of the best so far: the worst candidate is on top and leaves first
    PriorityQueue<double[]> best = new PriorityQueue<>((a, b) -> a[0] != b[0] ? Double.compare(b[0], a[0])
        : Double.compare(b[1], a[1]));
    for (int t = 0; t < norms.length; t++) {
      if (t == s) {
        continue;
      }
      double distance = distance(inner, c, s, t, norms);
      if (best.size() < count) {
        best.add(new double[] {distance, t});
      } else if (distance < best.peek()[0]) {
        best.poll();
        best.add(new double[] {distance, t});
      }
    }
    return best.stream().mapToInt(e -> (int) e[1]).toArray();
  }
}
