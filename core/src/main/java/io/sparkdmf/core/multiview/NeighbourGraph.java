package io.sparkdmf.core.multiview;

import io.sparkdmf.core.linalg.Blas;
import io.sparkdmf.core.linalg.Matrix;
import java.util.ArrayList;
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
 * <p>Distances come from BLAS-3 products of row chunks with the whole view, so memory stays at
 * {@value #CHUNK} x n doubles; the cost is O(n^2 d) per view, built once per data set.
 */
public final class NeighbourGraph {
  /** Neighbours per sample unless told otherwise: enough to connect a class, few enough to stay inside it. */
  public static final int DEFAULT_NEIGHBOURS = 10;
  private static final int CHUNK = 512;

  private NeighbourGraph() {}

  /**
   * Neighbour lists, sorted, for a view given as samples x features.
   *
   * @throws IllegalArgumentException when the view has no more samples than {@code neighbours}
   */
  public static int[][] of(Matrix view, int neighbours) {
    int n = view.rows();
    if (neighbours < 1 || neighbours >= n) {
      throw new IllegalArgumentException("need 1 <= neighbours < samples, got " + neighbours + " neighbours for "
          + n + " samples");
    }
    double[] norms = new double[n];
    for (int j = 0; j < view.cols(); j++) {
      for (int s = 0; s < n; s++) {
        double value = view.get(s, j);
        norms[s] += value * value;
      }
    }
    List<TreeSet<Integer>> adjacency = new ArrayList<>(n);
    for (int s = 0; s < n; s++) {
      adjacency.add(new TreeSet<>());
    }
    for (int from = 0; from < n; from += CHUNK) {
      int to = Math.min(n, from + CHUNK);
      Matrix chunk = rows(view, from, to);
      Matrix inner = Matrix.zeros(to - from, n);
      Blas.gemm(false, true, 1.0, chunk, view, 0.0, inner);
      for (int s = from; s < to; s++) {
        for (int t : nearest(inner, s - from, s, norms, neighbours)) {
          adjacency.get(s).add(t);
          adjacency.get(t).add(s);
        }
      }
    }
    int[][] out = new int[n][];
    for (int s = 0; s < n; s++) {
      out[s] = adjacency.get(s).stream().mapToInt(Integer::intValue).toArray();
    }
    return out;
  }

  /** The {@code count} samples nearest sample s (row r of the chunk's inner products), ties to the lower index. */
  private static int[] nearest(Matrix inner, int r, int s, double[] norms, int count) {
    // a max-heap of the best so far: the worst candidate is on top and leaves first
    PriorityQueue<double[]> best = new PriorityQueue<>((a, b) -> a[0] != b[0] ? Double.compare(b[0], a[0])
        : Double.compare(b[1], a[1]));
    for (int t = 0; t < norms.length; t++) {
      if (t == s) {
        continue;
      }
      double distance = norms[s] + norms[t] - 2 * inner.get(r, t);
      if (best.size() < count) {
        best.add(new double[] {distance, t});
      } else if (distance < best.peek()[0]) {
        best.poll();
        best.add(new double[] {distance, t});
      }
    }
    return best.stream().mapToInt(e -> (int) e[1]).toArray();
  }

  private static Matrix rows(Matrix m, int from, int to) {
    Matrix out = Matrix.zeros(to - from, m.cols());
    for (int j = 0; j < m.cols(); j++) {
      System.arraycopy(m.data(), j * m.rows() + from, out.data(), j * (to - from), to - from);
    }
    return out;
  }

}
