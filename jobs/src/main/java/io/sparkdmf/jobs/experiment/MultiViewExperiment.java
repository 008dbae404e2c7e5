package io.sparkdmf.jobs.experiment;

import io.sparkdmf.core.multiview.ClusteringMetrics;
import io.sparkdmf.core.multiview.ClusteringResult;
import io.sparkdmf.core.multiview.ClusteringSettings;
import io.sparkdmf.core.multiview.ExponentController;
import io.sparkdmf.core.multiview.KMeans;
import io.sparkdmf.core.multiview.LocalSampleBlocks;
import io.sparkdmf.core.multiview.MultiViewClustering;
import io.sparkdmf.core.multiview.MultiViewData;
import io.sparkdmf.core.multiview.NeighbourGraph;
import io.sparkdmf.core.multiview.SampleBlock;
import io.sparkdmf.core.multiview.ViewNormalisation;
import io.sparkdmf.data.AtomicOutputDirectory;
import io.sparkdmf.data.InputException;
import io.sparkdmf.jobs.ViewCsvOptions;
import io.sparkdmf.jobs.OutputOptions;
import io.sparkdmf.jobs.RunRecord;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code dmf experiment multiview}: the multi-view clustering model against its baselines and
 * ablations over several seeds on one data set (every CSV of a directory is a view), with
 * {@code results.csv}, figures and {@code report.md}. Runs are independent and spread over threads;
 * each uses the local engine (the data sets this is meant for fit on one machine; {@code dmf cluster
 * --engine spark} gives the same numbers on a cluster).
 */
@Command(name = "multiview", mixinStandardHelpOptions = true, sortOptions = false,
    description = "Multi-view clustering against k-means baselines and its own ablations over several seeds,"
        + " with results.csv, figures and report.md.")
public final class MultiViewExperiment implements Callable<Integer> {
  static final String HALF_BUDGET = "dmfaw-half-budget";
  static final String FIXED_P_HALF_BUDGET = "dmfaw-fixed-p-half-budget";
  private static final double AIM_ACC = 0.90;
  private static final double AIM_NMI = 0.85;

  @Option(names = "--data", required = true, paramLabel = "DIR",
      description = "A directory whose CSV files (sorted by name) are the views, rows = samples.")
  Path data;

  @Mixin ViewCsvOptions csv;

  @Option(names = "--k", description = "Clusters (default: the number of distinct labels).")
  Integer clusters;

  @Option(names = "--seeds", defaultValue = "10", description = "Seeds 0..N-1 per method (default: ${DEFAULT-VALUE}).")
  int seeds;

  @Option(names = "--threads", description = "Runs at once (default: the available cores).")
  Integer threads;

  @Mixin OutputOptions output;

  /** One clustering of one method with one seed. */
  record Run(String method, long seed, ClusteringMetrics metrics, double seconds, int iterations,
      ClusteringResult result) {}

  /** A method: how to cluster the prepared data with a seed. */
  private record Method(String name, String description, Function<Long, Run> run) {}

  @Override
  public Integer call() throws Exception {
    if (seeds < 1) {
      throw new IllegalArgumentException("--seeds must be at least 1, got " + seeds);
    }
    List<Path> files;
    try (Stream<Path> list = Files.list(data)) {
      files = list.filter(p -> p.getFileName().toString().endsWith(".csv")).sorted().toList();
    } catch (IOException e) {
      throw new InputException(data.toString(), "cannot list the directory: " + e.getMessage());
    }
    if (files.isEmpty()) {
      throw new InputException(data.toString(), "no .csv files (one per view) in this directory");
    }
    MultiViewData raw = csv.read(files, null);
    if (raw.labels() == null) {
      throw new InputException(data.toString(), "the experiment needs labels: give --label-column first or last");
    }
    int k = clusters != null ? clusters : (int) Arrays.stream(raw.labels()).distinct().count();
    MultiViewData.Varying varying = raw.withoutConstantFeatures();
    varying.dropped().forEach(d -> System.out.println(d.summary()));
    MultiViewData prepared = varying.data().normalised(ViewNormalisation.AUTO);
    ClusteringSettings defaults = ClusteringSettings.defaults(k, 0);
    long graphStart = System.nanoTime();
    List<SampleBlock> withGraphs = prepared.blocks(1, prepared.neighbourGraphs(NeighbourGraph.DEFAULT_NEIGHBOURS));
    double graphSeconds = (System.nanoTime() - graphStart) / 1e9;

    List<Method> methods = new ArrayList<>();
    methods.add(new Method("dmfaw", "deep semi-NMF, adaptive feature weights, p controller, neighbour graph, late fusion",
        seed -> model("dmfaw", defaults, seed, prepared, withGraphs)));
    ExponentController fixed = new ExponentController(false, defaults.exponent().reference(), 0, 0,
        defaults.exponent().min(), defaults.exponent().max());
    methods.add(new Method("dmfaw-fixed-p", "as dmfaw, p fixed at " + fixed.reference(),
        seed -> model("dmfaw-fixed-p", defaults.withExponent(fixed), seed, prepared, withGraphs)));
    // the controller's aim is to converge in fewer outer iterations: both again, with half the budget
    int half = defaults.maxIterations() / 2;
    methods.add(new Method(HALF_BUDGET, "as dmfaw, stopped after " + half + " outer iterations",
        seed -> model(HALF_BUDGET, defaults.withMaxIterations(half), seed, prepared, withGraphs)));
    methods.add(new Method(FIXED_P_HALF_BUDGET, "as dmfaw-fixed-p, stopped after " + half + " outer iterations",
        seed -> model(FIXED_P_HALF_BUDGET, defaults.withExponent(fixed).withMaxIterations(half), seed, prepared,
            withGraphs)));
    methods.add(new Method("dmfaw-uniform-weights", "as dmfaw, feature weights fixed and uniform",
        seed -> model("dmfaw-uniform-weights", defaults.withAdaptiveWeights(false), seed, prepared, withGraphs)));
    methods.add(new Method("dmfaw-no-graph", "as dmfaw, without the neighbour-graph term",
        seed -> model("dmfaw-no-graph", defaults.withGraphWeight(0), seed, prepared, withGraphs)));
    MultiViewData concatenated = prepared.concatenated();
    methods.add(new Method("kmeans-concat", "k-means++ on the concatenated z-scored views",
        seed -> kmeans("kmeans-concat", concatenated, k, defaults.kmeansRestarts(), seed)));
    for (int v = 0; v < prepared.views().size(); v++) {
      String name = "kmeans-" + prepared.names().get(v);
      MultiViewData single = new MultiViewData(List.of(prepared.names().get(v)), List.of(prepared.views().get(v)),
          prepared.labels());
      methods.add(new Method(name, "k-means++ on the view " + prepared.names().get(v) + " alone",
          seed -> kmeans(name, single, k, defaults.kmeansRestarts(), seed)));
    }

    Configuration conf = new Configuration();
    // created before the runs, so that a name clash fails now rather than after them
    try (AtomicOutputDirectory directory = AtomicOutputDirectory.create(output.out, output.overwrite, conf)) {
      List<List<Run>> runs = runAll(methods);
      MultiViewReport report = new MultiViewReport(directory, prepared.names(), AIM_ACC, AIM_NMI);
      report.write(methods.stream().map(Method::name).toList(), methods.stream().map(Method::description).toList(),
          runs, String.format(Locale.ROOT, "%d samples, %d views, k = %d, seeds 0-%d; neighbour graphs built once"
              + " in %.1f s (not in the seconds below)", raw.samples(), raw.views().size(), k, seeds - 1, graphSeconds));
      RunRecord.current().writeTo(directory, conf);
      directory.commit();
    }
    return 0;
  }

  /** Every method with every seed, on a thread pool, with a line per finished run. */
  private List<List<Run>> runAll(List<Method> methods) throws Exception {
    int workers = threads != null ? threads : Runtime.getRuntime().availableProcessors();
    ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, workers));
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

  private static Run model(String name, ClusteringSettings settings, long seed, MultiViewData prepared,
      List<SampleBlock> blocks) {
    long start = System.nanoTime();
    ClusteringResult result = new MultiViewClustering(settings.withSeed(seed))
        .fit(new LocalSampleBlocks(blocks), prepared.featureCounts());
    double seconds = (System.nanoTime() - start) / 1e9;
    return new Run(name, seed, ClusteringMetrics.of(prepared.labels(), result.assignment()), seconds,
        result.iterations(), result);
  }

  private static Run kmeans(String name, MultiViewData view, int k, int restarts, long seed) {
    long start = System.nanoTime();
    int[] assignment = new KMeans(k, restarts, seed).cluster(new LocalSampleBlocks(view.blocks(1)), b -> b.x()[0].dense());
    double seconds = (System.nanoTime() - start) / 1e9;
    return new Run(name, seed, ClusteringMetrics.of(view.labels(), assignment), seconds, 0, null);
  }
}
