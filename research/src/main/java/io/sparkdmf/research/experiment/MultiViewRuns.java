package io.sparkdmf.research.experiment;

import io.sparkdmf.core.linalg.DataMatrix;
import io.sparkdmf.core.linalg.Matrix;
import io.sparkdmf.core.multiview.ClusteringMetrics;
import io.sparkdmf.core.multiview.ClusteringResult;
import io.sparkdmf.core.multiview.ClusteringSettings;
import io.sparkdmf.core.multiview.KMeans;
import io.sparkdmf.core.multiview.LocalSampleBlocks;
import io.sparkdmf.core.multiview.MultiViewClustering;
import io.sparkdmf.core.multiview.MultiViewData;
import io.sparkdmf.core.multiview.NeighbourGraph;
import io.sparkdmf.core.multiview.SampleBlock;
import io.sparkdmf.core.multiview.ViewNormalisation;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.LongFunction;

/**
 * Clustering runs of the multi-view experiments: a method is a way to cluster prepared data with a
 * seed; every method runs with seeds 0..n-1 on a thread pool, each run on the local engine, with a line
 * per finished run.
 */
final class MultiViewRuns {
  /** k-means++ restarts of the baselines (the model's own k-means on its consensus keeps its default). */
  static final int BASELINE_RESTARTS = 10;

  private MultiViewRuns() {}

  /** One clustering of one method with one seed. */
  record Run(String method, long seed, ClusteringMetrics metrics, double seconds, int iterations,
      ClusteringResult result) {}

  /**
   * A data set as the model gets it, prepared once for every method and seed: constant features
   * dropped ({@code varying}, with what was dropped), views normalised by {@code auto} ({@code data}), one
   * sample block with each view's neighbour graph, and the seconds the graphs took.
   */
  record Prepared(MultiViewData varying, List<MultiViewData.DroppedFeatures> dropped, MultiViewData data,
      List<SampleBlock> blocks, double graphSeconds) {
    static Prepared of(MultiViewData raw) {
      MultiViewData.Varying varying = raw.withoutConstantFeatures();
      MultiViewData data = varying.data().normalised(ViewNormalisation.AUTO);
      long start = System.nanoTime();
      List<SampleBlock> blocks = data.blocks(1, data.neighbourGraphs(NeighbourGraph.DEFAULT_NEIGHBOURS));
      return new Prepared(varying.data(), varying.dropped(), data, blocks, (System.nanoTime() - start) / 1e9);
    }
  }

  /** A method: how to cluster the prepared data with a seed. */
  record Method(String name, String description, LongFunction<Run> run) {}

  /** Every method with every seed 0..seeds-1, on {@code threads} threads. */
  static List<List<Run>> runAll(List<Method> methods, int seeds, int threads) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, threads));
    try {
      List<List<Future<Run>>> futures = new ArrayList<>();
      int total = methods.size() * seeds;
      long start = System.nanoTime();
      int[] done = {0};
      for (Method method : methods) {
        List<Future<Run>> perSeed = new ArrayList<>();
        for (long seed = 0; seed < seeds; seed++) {
          long s = seed;
          perSeed.add(pool.submit(() -> {
            Run run = method.run().apply(s);
            synchronized (done) {
              done[0]++;
              double elapsed = (System.nanoTime() - start) / 1e9;
              System.out.printf(Locale.ROOT, "[%d/%d] %s seed %d: ACC %.3f NMI %.3f (%.1f s; %.0f s elapsed, ETA %.0f s)%n",
                  done[0], total, run.method(), run.seed(), run.metrics().accuracy(), run.metrics().nmi(),
                  run.seconds(), elapsed, elapsed / done[0] * (total - done[0]));
            }
            return run;
          }));
        }
        futures.add(perSeed);
      }
      List<List<Run>> out = new ArrayList<>();
      for (List<Future<Run>> perSeed : futures) {
        List<Run> finished = new ArrayList<>();
        for (Future<Run> future : perSeed) {
          finished.add(future.get());
        }
        out.add(finished);
      }
      return out;
    } finally {
      pool.shutdownNow();
    }
  }

  /** The model with {@code settings} and the seed, on blocks prepared once (with their graphs). */
  static Run model(String name, ClusteringSettings settings, long seed, MultiViewData prepared,
      List<SampleBlock> blocks) {
    long start = System.nanoTime();
    ClusteringResult result = new MultiViewClustering(settings.withSeed(seed))
        .fit(new LocalSampleBlocks(blocks), prepared.featureCounts());
    double seconds = (System.nanoTime() - start) / 1e9;
    return new Run(name, seed, ClusteringMetrics.of(prepared.labels(), result.assignment()), seconds,
        result.iterations(), result);
  }

  /** k-means++ with {@link #BASELINE_RESTARTS} restarts on one (possibly concatenated) view. */
  static Run kmeans(String name, MultiViewData view, int k, long seed) {
    long start = System.nanoTime();
    // k-means reads the points every iteration: densified once here, not on every read
    List<SampleBlock> dense = view.blocks(1).stream().map(b -> new SampleBlock(b.first(),
        new DataMatrix[] {b.x()[0].dense()}, null, null, null, null)).toList();
    int[] assignment = new KMeans(k, BASELINE_RESTARTS, seed).cluster(new LocalSampleBlocks(dense),
        b -> (Matrix) b.x()[0]);
    double seconds = (System.nanoTime() - start) / 1e9;
    return new Run(name, seed, ClusteringMetrics.of(view.labels(), assignment), seconds, 0, null);
  }
}
