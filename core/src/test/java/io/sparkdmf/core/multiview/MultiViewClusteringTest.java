package io.sparkdmf.core.multiview;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sparkdmf.core.LocalSpark;
import io.sparkdmf.core.linalg.DataMatrix;
import io.sparkdmf.core.linalg.Matrix;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Multi-view clustering: metrics against hand-worked values, the model on a synthetic mixture, engines. */
class MultiViewClusteringTest {

  @Test
  void controllerFollowsItsLawAndReturnsToTheReferenceWhenTheRunSettles() {
    ExponentController law = ExponentController.defaults(); // p_ref 2, kP 5, kI 0.5, forgetting 0.9
    ExponentController.State state = new ExponentController.State();
    assertEquals(6.0, law.initial(), 0.0, "2 + 5 x 1, clipped to 6");
    assertEquals(2 + 5 * 0.5 + 0.5 * 0.5, state.next(law, 0.5), 1e-15);
    assertEquals(2 + 5 * 0.1 + 0.5 * (0.9 * 0.5 + 0.1), state.next(law, 0.1), 1e-15);
    assertEquals(2 + 0.5 * 0.9 * (0.9 * 0.5 + 0.1), state.next(law, 0), 1e-15);
    double p = 0;
    for (int t = 0; t < 200; t++) {
      p = state.next(law, 0);
    }
    assertEquals(2.0, p, 1e-9, "the integral forgets, so a settled run ends at p_ref");
  }

  @Test
  void metricsMatchHandWorkedValues() {
    int[] truth = {0, 0, 0, 1, 1, 1};
    int[] predicted = {1, 1, 0, 0, 0, 0};
    ClusteringMetrics m = ClusteringMetrics.of(truth, predicted);
    // contingency: class 0 -> {cluster 1: 2, cluster 0: 1}, class 1 -> {cluster 0: 3}
    assertEquals(5.0 / 6, m.accuracy(), 1e-15);
    assertEquals(5.0 / 6, m.purity(), 1e-15);
    // ARI: sum C(n_ij,2) = 4, rows 3 + 3 = 6, columns 1 + 6 = 7, expected 6 * 7 / 15
    assertEquals((4 - 2.8) / (6.5 - 2.8), m.ari(), 1e-12);
    double mutual = (1.0 / 3 - 1.0 / 6) * Math.log(2) + 0.5 * Math.log(1.5);
    double clusterEntropy = -(1.0 / 3 * Math.log(1.0 / 3) + 2.0 / 3 * Math.log(2.0 / 3));
    assertEquals(mutual / ((Math.log(2) + clusterEntropy) / 2), m.nmi(), 1e-12);

    ClusteringMetrics renamed = ClusteringMetrics.of(new int[] {0, 0, 1, 1, 2, 2}, new int[] {7, 7, 3, 3, 5, 5});
    assertEquals(1, renamed.accuracy(), 0);
    assertEquals(1, renamed.nmi(), 1e-12);
    assertEquals(1, renamed.ari(), 1e-12);
    // contingency [[3, 2], [2, 0]]: greedy takes the 3 and ends with 3/7; the best matching is 2 + 2
    int[] t = {0, 0, 0, 0, 0, 1, 1};
    int[] p = {0, 0, 0, 1, 1, 0, 0};
    assertEquals(4.0 / 7, ClusteringMetrics.of(t, p).accuracy(), 1e-15);
    assertThrows(IllegalArgumentException.class, () -> ClusteringMetrics.of(t, new int[] {0}));
  }

  /** k well-separated clusters seen through three views of different scale and sign. */
  static MultiViewData mixture(int perCluster, int k, long seed) {
    Random random = new Random(seed);
    int n = perCluster * k;
    int[] labels = new int[n];
    int[] dims = {5, 8, 3};
    double[] scales = {1, 1000, 0.01};
    List<Matrix> views = new ArrayList<>();
    List<Matrix> centers = new ArrayList<>();
    for (int v = 0; v < dims.length; v++) {
      centers.add(Matrix.gaussian(k, dims[v], 3.0, random));
      views.add(Matrix.zeros(n, dims[v]));
    }
    for (int i = 0; i < n; i++) {
      labels[i] = i % k;
      for (int v = 0; v < dims.length; v++) {
        for (int j = 0; j < dims[v]; j++) {
          views.get(v).set(i, j, scales[v] * (centers.get(v).get(labels[i], j) + 0.3 * random.nextGaussian()));
        }
      }
    }
    return new MultiViewData(List.of("a", "b", "c"), List.copyOf(views), labels);
  }

  @Test
  void clustersASyntheticMixturePerfectly() {
    MultiViewData data = mixture(40, 3, 1).normalised(ViewNormalisation.ZSCORE);
    ClusteringResult result = new MultiViewClustering(ClusteringSettings.defaults(3, 0))
        .fit(new LocalSampleBlocks(data.blocks(4, data.neighbourGraphs(5))), data.featureCounts());
    assertEquals(1.0, ClusteringMetrics.of(data.labels(), result.assignment()).accuracy(), 0);
    for (double[] w : result.featureWeights()) {
      assertEquals(1.0, Arrays.stream(w).sum(), 1e-12);
    }
  }

  @Test
  void objectiveNeverIncreasesForFixedP() {
    MultiViewData data = mixture(30, 4, 2).normalised(ViewNormalisation.ZSCORE);
    for (double graphWeight : new double[] {0, 10}) {
      for (double p : new double[] {1.5, 2, 3}) {
        ClusteringSettings settings = ClusteringSettings.defaults(4, 3).withGraphWeight(graphWeight)
            .withExponent(new ExponentController(false, p, 0, 0, p, p));
        ClusteringResult result = new MultiViewClustering(settings)
            .fit(new LocalSampleBlocks(data.blocks(3, data.neighbourGraphs(5))), data.featureCounts());
        double[] objective = result.objective();
        double[] rounding = result.objectiveRounding();
        assertTrue(objective.length > 2);
        for (int t = 1; t < objective.length; t++) {
          // Exact arithmetic never increases the objective; each computed value is off by at most its
          // rounding bound (derived in FeatureResiduals and GraphTerm), so two computed values may
          // differ the wrong way by at most the two bounds together.
          assertTrue(rounding[t] >= 0 && rounding[t] < 1e-6 * objective[0], "a bound far below the start");
          assertTrue(objective[t] <= objective[t - 1] + rounding[t - 1] + rounding[t], "graph weight "
              + graphWeight + ", p = " + p + ", iteration " + t + ": " + objective[t - 1] + " -> " + objective[t]
              + " (rounding bounds " + rounding[t - 1] + ", " + rounding[t] + ")");
        }
      }
    }
  }

  /**
   * The engines run the same kernels and merge the blocks' sums in the same order, so on a BLAS whose
   * results depend only on its inputs they agree to the last bit. Some OpenBLAS kernels also depend on
   * where the arrays sit in memory (their last bits then differ between two runs of one engine); there
   * the engines must still agree on the first objective to within its rounding bound and on the final
   * partition up to the clusters' names.
   */
  @Test
  void sparkAndLocalEnginesGiveIdenticalResults() {
    MultiViewData data = mixture(25, 3, 3).normalised(ViewNormalisation.ZSCORE);
    ClusteringSettings settings = ClusteringSettings.defaults(3, 5);
    List<int[][]> graphs = data.neighbourGraphs(4);
    ClusteringResult local = new MultiViewClustering(settings)
        .fit(new LocalSampleBlocks(data.blocks(3, graphs)), data.featureCounts());
    ClusteringResult localAgain = new MultiViewClustering(settings)
        .fit(new LocalSampleBlocks(data.blocks(3, graphs)), data.featureCounts());
    ClusteringResult spark;
    try (SparkSampleBlocks blocks = new SparkSampleBlocks(LocalSpark.context(), data.blocks(3, graphs))) {
      spark = new MultiViewClustering(settings).fit(blocks, data.featureCounts());
    }
    if (Arrays.equals(local.objective(), localAgain.objective())) {
      assertArrayEquals(local.objective(), spark.objective(), 0.0);
      assertArrayEquals(local.assignment(), spark.assignment());
      assertArrayEquals(local.viewWeights(), spark.viewWeights(), 0.0);
    } else {
      assertEquals(local.objective()[0], spark.objective()[0],
          local.objectiveRounding()[0] + spark.objectiveRounding()[0]);
      // a ratio of counts: exactly 1 when the partitions agree
      assertEquals(1.0, ClusteringMetrics.of(local.assignment(), spark.assignment()).accuracy(), 0.0);
    }
  }

  @Test
  void neighbourGraphMatchesBruteForce() {
    Matrix view = Matrix.gaussian(60, 4, 1, new Random(7)); // samples x features
    int k = 3;
    int[][] graph = NeighbourGraph.of(view, k);
    List<Set<Integer>> expected = new ArrayList<>();
    for (int s = 0; s < 60; s++) {
      expected.add(new TreeSet<>());
    }
    for (int s = 0; s < 60; s++) {
      int from = s;
      Integer[] others = IntStream.range(0, 60).filter(t -> t != from).boxed().toArray(Integer[]::new);
      Arrays.sort(others, Comparator.comparingDouble(t -> {
        double d = 0;
        for (int j = 0; j < 4; j++) {
          d += Math.pow(view.get(from, j) - view.get(t, j), 2);
        }
        return d;
      }));
      for (int q = 0; q < k; q++) {
        expected.get(s).add(others[q]);
        expected.get(others[q]).add(s);
      }
    }
    for (int s = 0; s < 60; s++) {
      assertArrayEquals(expected.get(s).stream().mapToInt(Integer::intValue).toArray(), graph[s], "sample " + s);
    }
    assertThrows(IllegalArgumentException.class, () -> NeighbourGraph.of(view, 60));
  }

  @Test
  void graphTermWithoutGraphsIsRefused() {
    MultiViewData data = mixture(10, 2, 4);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new MultiViewClustering(ClusteringSettings.defaults(2, 0))
            .fit(new LocalSampleBlocks(data.blocks(2)), data.featureCounts()));
    assertTrue(e.getMessage().contains("neighbour graphs"), e.getMessage());
  }

  @Test
  void constantFeaturesAreDroppedWithASummaryAndTheirIndicesKept() {
    Matrix a = Matrix.gaussian(4, 2, 1, new Random(1));
    Matrix b = Matrix.gaussian(4, 4, 1, new Random(2));
    for (int i = 0; i < 4; i++) {
      b.set(i, 1, 7.0);
      b.set(i, 3, 0.0);
    }
    MultiViewData.Varying varying = new MultiViewData(List.of("a", "b"), List.of(a, b), null).withoutConstantFeatures();
    assertArrayEquals(new int[] {2, 2}, varying.data().featureCounts());
    assertArrayEquals(new int[] {0, 2}, varying.kept()[1]);
    assertEquals(b.get(3, 2), varying.data().views().get(1).get(3, 1));
    assertEquals(1, varying.dropped().size());
    assertEquals("view 'b': dropped 2 constant features (2, 4): they carry no information",
        varying.dropped().get(0).summary());
    Matrix flat = Matrix.zeros(4, 3);
    var e = assertThrows(IllegalArgumentException.class,
        () -> new MultiViewData(List.of("a", "flat"), List.of(a, flat), null).withoutConstantFeatures());
    assertTrue(e.getMessage().contains("view 'flat': every one of its 3 features is constant"), e.getMessage());
  }

  @Test
  void autoNormalisationScalesSparseNonNegativeViewsBySampleAndTheRestByFeature() {
    Matrix counts = Matrix.zeros(4, 4);
    counts.set(0, 0, 3);
    counts.set(1, 1, 1);
    counts.set(2, 2, 2);
    counts.set(3, 3, 5);
    counts.set(3, 0, 1);
    assertEquals(ViewNormalisation.UNIT_NORM, ViewNormalisation.AUTO.resolve(counts));
    Matrix signed = counts.copy();
    signed.set(0, 1, -1);
    assertEquals(ViewNormalisation.ZSCORE, ViewNormalisation.AUTO.resolve(signed));
    Matrix dense = Matrix.gaussian(4, 4, 1, new Random(3));
    for (int k = 0; k < dense.data().length; k++) {
      dense.data()[k] = Math.abs(dense.data()[k]) + 0.1;
    }
    assertEquals(ViewNormalisation.ZSCORE, ViewNormalisation.AUTO.resolve(dense));
    assertEquals(ViewNormalisation.ZSCORE.apply(dense), ViewNormalisation.AUTO.apply(dense), "auto applies what it chose");
    assertEquals(ViewNormalisation.MINMAX, ViewNormalisation.MINMAX.resolve(counts), "only auto chooses");
    DataMatrix normalised = ViewNormalisation.AUTO.apply(counts);
    assertEquals(1.0, Math.hypot(normalised.get(3, 0), normalised.get(3, 3)), 1e-15);
  }

  @Test
  void badViewsAreRefusedWithTheirNames() {
    Matrix a = Matrix.gaussian(4, 2, 1, new Random(1));
    Matrix constant = Matrix.gaussian(4, 2, 1, new Random(2));
    for (int i = 0; i < 4; i++) {
      constant.set(i, 1, 7.0);
    }
    var e = assertThrows(IllegalArgumentException.class,
        () -> new MultiViewData(List.of("a", "short"), List.of(a, Matrix.gaussian(3, 2, 1, new Random(3))), null));
    assertTrue(e.getMessage().contains("'short' has 3 samples"), e.getMessage());
    Matrix nan = a.copy();
    nan.set(2, 0, Double.NaN);
    e = assertThrows(IllegalArgumentException.class, () -> new MultiViewData(List.of("n"), List.of(nan), null));
    assertTrue(e.getMessage().contains("sample 3, feature 1"), e.getMessage());
  }
}
