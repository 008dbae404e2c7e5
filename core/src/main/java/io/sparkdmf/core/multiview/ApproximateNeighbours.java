package io.sparkdmf.core.multiview;

import com.github.jelmerk.knn.DistanceFunction;
import com.github.jelmerk.knn.Item;
import com.github.jelmerk.knn.SearchResult;
import com.github.jelmerk.knn.hnsw.HnswIndex;
import io.sparkdmf.core.linalg.DataMatrix;
import io.sparkdmf.core.linalg.Matrix;
import io.sparkdmf.core.linalg.SparseMatrix;
import java.util.Arrays;
import java.util.List;

/**
 * Approximate nearest neighbours from a hierarchical navigable small-world index (HNSW, Malkov and
 * Yashunin 2018; the hnswlib-core library), for views with too many samples for the exact O(n^2)
 * search. Samples are inserted one by one in sample order from one thread, and the library draws each
 * node's level from a hash of its id, so the graph is the same on every run.
 */
final class ApproximateNeighbours {
  /** Links per node, and the candidate lists when building and searching: recall above 0.95 in the tests. */
  static final int LINKS = 16;
  static final int BUILD_CANDIDATES = 200;
  static final int SEARCH_CANDIDATES = 100;

  private ApproximateNeighbours() {}

  /** The {@code count} (approximately) nearest samples of every sample, columns of features x samples. */
  static int[][] nearest(DataMatrix bySample, int count) {
    int n = bySample.cols();
    SampleVector[] vectors = vectors(bySample);
    HnswIndex<Integer, SampleVector, SampleItem, Double> index = HnswIndex
        .newBuilder(bySample.rows(), new EuclideanDistance(), n)
        .withM(LINKS)
        .withEfConstruction(BUILD_CANDIDATES)
        .withEf(Math.max(SEARCH_CANDIDATES, 2 * count))
        .build();
    for (int s = 0; s < n; s++) {
      index.add(new SampleItem(s, vectors[s], bySample.rows()));
    }
    int[][] out = new int[n][];
    for (int s = 0; s < n; s++) {
      List<SearchResult<SampleItem, Double>> found = index.findNearest(vectors[s], count + 1);
      int sample = s;
      out[s] = found.stream().mapToInt(r -> r.item().id()).filter(t -> t != sample).limit(count).toArray();
    }
    return out;
  }

  private static SampleVector[] vectors(DataMatrix bySample) {
    int n = bySample.cols();
    SampleVector[] out = new SampleVector[n];
    if (bySample instanceof SparseMatrix sparse) {
      for (int s = 0; s < n; s++) {
        int from = sparse.columnStart(s);
        int to = sparse.columnStart(s + 1);
        out[s] = SampleVector.of(Arrays.copyOfRange(sparse.rowIndices(), from, to),
            Arrays.copyOfRange(sparse.values(), from, to));
      }
    } else {
      Matrix dense = bySample.dense();
      int d = dense.rows();
      for (int s = 0; s < n; s++) {
        out[s] = SampleVector.of(null, Arrays.copyOfRange(dense.data(), s * d, (s + 1) * d));
      }
    }
    return out;
  }

  /** A sample's features: all of them ({@code indices} null) or the stored ones at ascending indices. */
  record SampleVector(int[] indices, double[] values, double squaredNorm) implements java.io.Serializable {
    static SampleVector of(int[] indices, double[] values) {
      double norm = 0;
      for (double value : values) {
        norm += value * value;
      }
      return new SampleVector(indices, values, norm);
    }

    double dot(SampleVector other) {
      double sum = 0;
      if (indices == null) {
        for (int j = 0; j < values.length; j++) {
          sum += values[j] * other.values[j];
        }
        return sum;
      }
      int a = 0;
      int b = 0;
      while (a < indices.length && b < other.indices.length) {
        if (indices[a] == other.indices[b]) {
          sum += values[a++] * other.values[b++];
        } else if (indices[a] < other.indices[b]) {
          a++;
        } else {
          b++;
        }
      }
      return sum;
    }
  }

  /** Squared Euclidean distance, ||a||^2 + ||b||^2 - 2 a.b: the same order as the exact search's. */
  static final class EuclideanDistance implements DistanceFunction<SampleVector, Double> {
    private static final long serialVersionUID = 1L;

    @Override
    public Double distance(SampleVector a, SampleVector b) {
      return a.squaredNorm() + b.squaredNorm() - 2 * a.dot(b);
    }
  }

  record SampleItem(Integer id, SampleVector vector, int dimensions) implements Item<Integer, SampleVector> {}
}
