package io.sparkdmf.core.multiview;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sparkdmf.core.linalg.DataMatrix;
import io.sparkdmf.core.linalg.Matrix;
import io.sparkdmf.core.linalg.SparseMatrix;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Sparse views: the same clustering as dense storage, linear memory in the features, approximate graphs. */
class SparseViewsTest {

  /**
   * Word counts: every sample of class c draws {@code classWords} words of its class's block of the
   * vocabulary (value 3) and owns the features j = s mod n of the whole vocabulary (value 1), so that no
   * feature is constant and nothing is dropped.
   */
  private static SparseMatrix wordCounts(int n, int d, int classes, int classWords, Random random) {
    List<int[]> entries = new ArrayList<>();
    int block = d / classes;
    for (int s = 0; s < n; s++) {
      java.util.Set<Integer> words = new java.util.TreeSet<>();
      for (int j = s; j < d; j += n) {
        words.add(j);
      }
      java.util.Set<Integer> topical = new java.util.TreeSet<>();
      while (topical.size() < classWords) {
        topical.add((s % classes) * block + random.nextInt(block));
      }
      words.addAll(topical);
      for (int j : words) {
        entries.add(new int[] {s, j, topical.contains(j) ? 3 : 1});
      }
    }
    return SparseMatrix.fromTriplets(n, d, entries.stream().mapToInt(e -> e[0]).toArray(),
        entries.stream().mapToInt(e -> e[1]).toArray(), entries.stream().mapToDouble(e -> e[2]).toArray());
  }

  private static int[] labels(int n, int classes) {
    int[] out = new int[n];
    Arrays.setAll(out, s -> s % classes);
    return out;
  }

  @Test
  void sparseAndDenseStorageGiveTheSameClustering() {
    Random random = new Random(11);
    int n = 120;
    MultiViewData data = new MultiViewData(List.of("a", "b"),
        List.of(wordCounts(n, 600, 3, 12, random), wordCounts(n, 900, 3, 12, random)), labels(n, 3))
        .normalised(ViewNormalisation.AUTO);
    List<SampleBlock> sparse = data.blocks(2, data.neighbourGraphs(5));
    List<SampleBlock> dense = sparse.stream().map(b -> new SampleBlock(b.first(),
        Arrays.stream(b.x()).map(DataMatrix::dense).toArray(DataMatrix[]::new), null, null, null, b.neighbours()))
        .toList();
    assertInstanceOf(SparseMatrix.class, sparse.get(0).x()[0], "word counts are stored sparse");
    assertInstanceOf(Matrix.class, dense.get(0).x()[0]);
    ClusteringSettings settings = ClusteringSettings.defaults(3, 4).withMaxIterations(40);
    ClusteringResult fromSparse = new MultiViewClustering(settings).fit(new LocalSampleBlocks(sparse), data.featureCounts());
    ClusteringResult fromDense = new MultiViewClustering(settings).fit(new LocalSampleBlocks(dense), data.featureCounts());
    // the products add in different orders, so they agree to rounding, not bit for bit
    assertEquals(fromDense.objective()[0], fromSparse.objective()[0],
        fromDense.objectiveRounding()[0] + fromSparse.objectiveRounding()[0]);
    int last = Math.min(fromDense.objective().length, fromSparse.objective().length) - 1;
    assertEquals(fromDense.objective()[last], fromSparse.objective()[last], 1e-6 * fromDense.objective()[last]);
    // the same partition (cluster numbers may differ): a ratio of counts, exactly 1 when they agree
    assertEquals(1.0, ClusteringMetrics.of(fromDense.assignment(), fromSparse.assignment()).accuracy());
    assertEquals(1.0, ClusteringMetrics.of(data.labels(), fromSparse.assignment()).accuracy());
  }

  /**
   * 50,000 features that all vary: a d x d matrix of doubles would take 20 GB, five times the test's heap,
   * so finishing proves none is formed (the start uses subspace iteration, the factor updates O(d h^2)).
   */
  @Test
  void aViewOfFiftyThousandFeaturesNeedsNoSquareOfThem() {
    int n = 200;
    int d = 50_000;
    MultiViewData raw = new MultiViewData(List.of("words", "small"),
        List.of(wordCounts(n, d, 4, 40, new Random(3)), wordCounts(n, 400, 4, 10, new Random(4))), labels(n, 4));
    MultiViewData.Varying varying = raw.withoutConstantFeatures();
    assertTrue(varying.dropped().isEmpty(), "every feature varies");
    MultiViewData data = varying.data().normalised(ViewNormalisation.AUTO);
    ClusteringResult result = new MultiViewClustering(ClusteringSettings.defaults(4, 0).withMaxIterations(30))
        .fit(new LocalSampleBlocks(data.blocks(2, data.neighbourGraphs(5))), data.featureCounts());
    assertEquals(d, result.featureWeights()[0].length);
    assertTrue(ClusteringMetrics.of(raw.labels(), result.assignment()).accuracy() >= 0.95);
  }

  /** Samples around {@code classes} Gaussian centres in {@code d} dimensions, as a samples x features view. */
  private static Matrix mixture(int n, int d, int classes, long seed) {
    Random random = new Random(seed);
    Matrix centres = Matrix.gaussian(classes, d, 2, random);
    Matrix out = Matrix.zeros(n, d);
    for (int s = 0; s < n; s++) {
      for (int j = 0; j < d; j++) {
        out.set(s, j, centres.get(s % classes, j) + random.nextGaussian());
      }
    }
    return out;
  }

  @Test
  void approximateNeighboursFindNearlyAllExactOnesAndAreTheSameEveryRun() {
    Matrix dense = mixture(3000, 16, 5, 7);
    assertTrue(NeighbourGraph.approximateRecall(dense, 10, 300, 1) >= 0.95);
    // documents of a class share a third of their words: close neighbours exist, not a sea of ties
    DataMatrix text = ViewNormalisation.UNIT_NORM.apply(wordCounts(3000, 300, 5, 20, new Random(8)));
    assertTrue(NeighbourGraph.approximateRecall(text, 10, 300, 1) >= 0.9);
    DataMatrix bySample = dense.transpose();
    assertTrue(Arrays.deepEquals(ApproximateNeighbours.nearest(bySample, 10),
        ApproximateNeighbours.nearest(bySample, 10)), "the same lists on every run");
  }
}
