package io.sparkdmf.research.bench;

import io.sparkdmf.core.linalg.Blas;
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
import io.sparkdmf.data.multiview.TopicModelViews;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code dmf bench multiview-scale}: the multi-view model with its defaults on sparse topic-model text
 * ({@link TopicModelViews}) of a chosen size: time to build the neighbour graphs (exact or HNSW), their
 * recall against the exact lists, time and ACC of the fit, and k-means++ on the concatenated unit-norm
 * views as the baseline where its dense concatenation fits in memory.
 */
@Command(name = "multiview-scale", mixinStandardHelpOptions = true, sortOptions = false,
    description = "Benchmark: multi-view clustering on sparse generated text of a given size, with graph recall.")
public final class MultiViewScaleBenchmark implements Callable<Integer> {
  /** Largest dense concatenation (doubles) the k-means baseline is run on. */
  private static final long BASELINE_LIMIT = 100_000_000L;

  @Spec CommandSpec spec;

  @Option(names = "--samples", defaultValue = "20000", description = "Documents (default: ${DEFAULT-VALUE}).")
  int samples;

  @Option(names = "--vocabulary", defaultValue = "30000", description = "Words per view (default: ${DEFAULT-VALUE}).")
  int vocabulary;

  @Option(names = "--k", defaultValue = "20", description = "Classes (default: ${DEFAULT-VALUE}).")
  int classes;

  @Option(names = "--recall-queries", defaultValue = "200",
      description = "Samples whose exact neighbours are checked against the graph's (default: ${DEFAULT-VALUE}).")
  int recallQueries;

  @Option(names = "--seed", defaultValue = "0", description = "Data and model seed (default: ${DEFAULT-VALUE}).")
  long seed;

  @Override
  public Integer call() {
    System.out.println("# bench multiview-scale; command: deploy/dmf "
        + String.join(" ", spec.commandLine().getParseResult().originalArgs()));
    System.out.println("# BLAS: " + Blas.implementation() + ", " + Runtime.getRuntime().availableProcessors()
        + " cores, max heap " + Runtime.getRuntime().maxMemory() / (1 << 20) + " MiB");
    long start = System.nanoTime();
    MultiViewData raw = TopicModelViews.generate(new TopicModelViews.Spec(samples, classes, vocabulary,
        new double[] {0.5, 0.4, 0.3}, new double[] {150, 120, 80}), seed);
    System.out.printf(Locale.ROOT, "generated %,d documents x 3 views of %,d words, %,d stored counts in %.1f s%n",
        samples, vocabulary, raw.views().stream().mapToLong(v -> v.stored()).sum(), seconds(start));
    start = System.nanoTime();
    MultiViewData varying = raw.withoutConstantFeatures().data();
    MultiViewData prepared = varying.normalised(ViewNormalisation.AUTO);
    List<int[][]> graphs = prepared.neighbourGraphs(NeighbourGraph.DEFAULT_NEIGHBOURS);
    // a block per core: the local engine works on blocks in parallel threads
    List<SampleBlock> blocks = prepared.blocks(Runtime.getRuntime().availableProcessors(), graphs);
    System.out.printf(Locale.ROOT, "features kept %s; neighbour graphs (%s) in %.1f s%n",
        Arrays.toString(prepared.featureCounts()), samples > NeighbourGraph.EXACT_SAMPLES ? "HNSW" : "exact",
        seconds(start));
    if (samples > NeighbourGraph.EXACT_SAMPLES) {
      double recall = NeighbourGraph.approximateRecall(prepared.views().get(0), NeighbourGraph.DEFAULT_NEIGHBOURS,
          recallQueries, seed);
      System.out.printf(Locale.ROOT, "graph recall@%d of view 1 over %d samples: %.3f%n",
          NeighbourGraph.DEFAULT_NEIGHBOURS, recallQueries, recall);
    }
    start = System.nanoTime();
    ClusteringResult result;
    long peak;
    try (PeakHeap heap = new PeakHeap()) {
      result = new MultiViewClustering(ClusteringSettings.defaults(classes, seed))
          .fit(new LocalSampleBlocks(blocks), prepared.featureCounts());
      peak = heap.peakMiB();
    }
    double modelSeconds = seconds(start);
    double modelAcc = ClusteringMetrics.of(raw.labels(), result.assignment()).accuracy();
    System.out.printf(Locale.ROOT, "dmfaw: ACC %.3f in %.1f s (%d outer iterations), peak heap %d MiB%n", modelAcc,
        modelSeconds, result.iterations(), peak);
    MultiViewData unitNorm = varying.normalised(ViewNormalisation.UNIT_NORM).concatenated();
    long dense = (long) samples * unitNorm.featureCounts()[0];
    if (dense > BASELINE_LIMIT) {
      System.out.printf(Locale.ROOT, "k-means baseline skipped: its dense concatenation would hold %,d doubles%n", dense);
      return 0;
    }
    start = System.nanoTime();
    int[] assignment = new KMeans(classes, 10, seed).cluster(new LocalSampleBlocks(unitNorm.blocks(1)),
        b -> b.x()[0].dense());
    double kmeansSeconds = seconds(start);
    System.out.printf(Locale.ROOT, "k-means++ (10 restarts) on the concatenated unit-norm views: ACC %.3f in %.1f s;"
        + " dmfaw / k-means time ratio %.1f%n", ClusteringMetrics.of(raw.labels(), assignment).accuracy(),
        kmeansSeconds, modelSeconds / kmeansSeconds);
    return 0;
  }

  private static double seconds(long start) {
    return (System.nanoTime() - start) / 1e9;
  }
}
