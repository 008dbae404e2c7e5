package io.sparkdmf.research.bench;

import io.sparkdmf.core.completion.CompletionObjective;
import io.sparkdmf.core.completion.EntryBlock;
import io.sparkdmf.core.completion.EntryBlockBuilder;
import io.sparkdmf.core.completion.EntryCounts;
import io.sparkdmf.core.engine.EngineChoice;
import io.sparkdmf.core.engine.Parallelism;
import io.sparkdmf.core.linalg.Blas;
import io.sparkdmf.core.metrics.Metrics;
import io.sparkdmf.core.objective.Objective;
import io.sparkdmf.core.ratings.HeldOutSplit;
import io.sparkdmf.core.ratings.RatingSettings;
import io.sparkdmf.core.ratings.RatingsFit;
import io.sparkdmf.core.ratings.RatingsTuning;
import io.sparkdmf.core.train.TrainingListener;
import io.sparkdmf.core.train.TrainingState;
import io.sparkdmf.data.StarRatings;
import io.sparkdmf.jobs.SparkContexts;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code dmf bench ratings}: MLlib ALS with its regParam tuned on a validation split against spark-dmf's
 * rating defaults, untuned, on star ratings shaped like public rating sets ({@link StarRatings}), in one
 * run: held-out RMSE (ratings of unseen users or items dropped for both), wall time of the fit, steps,
 * peak heap.
 */
@Command(name = "ratings", mixinStandardHelpOptions = true, sortOptions = false,
    description = "Benchmark: tuned MLlib ALS vs spark-dmf's rating defaults on realistic star ratings.")
public final class RatingsBenchmark implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Option(names = "--sizes", split = ",", defaultValue = "100000,1000000",
      description = "Numbers of ratings (default: ${DEFAULT-VALUE}).")
  long[] sizes;

  @Option(names = "--half-stars", description = "Ratings in half stars (0.5..5) instead of whole ones.")
  boolean halfStars;

  @Option(names = "--seeds", split = ",", defaultValue = "0", description = "Data seeds (default: ${DEFAULT-VALUE}).")
  long[] seeds;

  @Option(names = "--als-reg-params", split = ",", defaultValue = "0.03,0.05,0.1,0.2",
      description = "ALS regParam grid, tuned on a validation split of the training ratings (default: ${DEFAULT-VALUE}).")
  double[] alsRegParams;

  @Option(names = "--als-rank", defaultValue = "10", description = "ALS rank (default: ${DEFAULT-VALUE}).")
  int alsRank;

  @Option(names = "--als-iterations", defaultValue = "20", description = "ALS iterations (default: ${DEFAULT-VALUE}).")
  int alsIterations;

  @Option(names = "--depths", split = ",", defaultValue = "2,3", description = "DMF depths (default: ${DEFAULT-VALUE}).")
  int[] depths;

  @Option(names = "--reg", split = ",", description = "DMF regParam values (default: the rating default).")
  double[] regParams;

  @Option(names = "--tune", description = "Also fit with the width chosen on held-out ratings (complete --tune).")
  boolean tune;

  @Option(names = "--trace", description = "Print every held-out RMSE of DMF's early stopping.")
  boolean trace;

  @Option(names = "--partitions", description = "Partitions of the data (default: Spark's default parallelism).")
  Integer partitions;

  @Option(names = "--csv", paramLabel = "FILE", description = "Also write the result rows to this CSV file.")
  Path csv;

  record Result(long ratings, long seed, String method, double testRmse, double seconds, int steps, long peakHeapMiB) {}

  private final List<Result> results = new ArrayList<>();

  @Override
  public Integer call() throws IOException {
    JavaSparkContext sc = SparkContexts.start("dmf bench ratings");
    SparkSession session = SparkSession.builder().sparkContext(sc.sc()).getOrCreate();
    int parts = partitions != null ? partitions : sc.defaultParallelism();
    // ALS cuts its lineage at checkpoints; without a directory 20 iterations overflow the stack.
    Path checkpoints = Files.createTempDirectory("dmf-bench-ratings-als");
    sc.setCheckpointDir(checkpoints.toUri().toString());
    try {
      run(sc, session, parts);
    } finally {
      org.apache.commons.io.FileUtils.deleteDirectory(checkpoints.toFile());
    }
    printTable();
    return 0;
  }

  private void run(JavaSparkContext sc, SparkSession session, int parts) {
    System.out.println("# bench ratings; command: deploy/dmf " + String.join(" ", spec.commandLine().getParseResult().originalArgs()));
    System.out.println("# " + sc.master() + ", " + parts + " partitions, max heap "
        + (Runtime.getRuntime().maxMemory() >> 20) + " MiB, BLAS " + Blas.implementation());
    for (long size : sizes) {
      for (long seed : seeds) {
        StarRatings data = StarRatings.sized(size, seed).withHalfStars(halfStars);
        StarRatings.Split split = data.generate(sc, parts);
        JavaRDD<EntryBlock> test = seenOnly(sc, split.train(), split.test(), data.users(), data.items());
        long trainCount = split.train().map(EntryBlock::size).fold(0, Integer::sum);
        long testCount = test.map(EntryBlock::size).fold(0, Integer::sum);
        System.out.printf(Locale.ROOT, "%n## %,d ratings (seed %d): %,d users x %,d items; %,d train, %,d test%n",
            size, seed, data.users(), data.items(), trainCount, testCount);
        als(session, split.train(), test, size, seed);
        for (int depth : depths) {
          for (double reg : regParams != null ? regParams : new double[] {RatingSettings.DEFAULTS.regParam()}) {
            dmf(split.train(), test, data, seed, settings(depth, reg), parts);
          }
        }
        if (tune) {
          tuned(split.train(), test, data, seed, parts);
        }
        split.train().unpersist();
        split.test().unpersist();
      }
    }
  }

  private RatingSettings settings(int depth, double reg) {
    return RatingSettings.DEFAULTS.withDepth(depth).withRegParam(reg);
  }

  /** ALS with regParam tuned on a validation split of the training ratings, then refitted on all of them. */
  private void als(SparkSession session, JavaRDD<EntryBlock> train, JavaRDD<EntryBlock> test, long size, long seed) {
    HeldOutSplit.Parts tuning = new HeldOutSplit(RatingSettings.DEFAULTS.validationFraction(), seed).split(train);
    double bestReg = alsRegParams[0];
    double bestRmse = Double.POSITIVE_INFINITY;
    long start = System.nanoTime();
    for (double reg : alsRegParams) {
      double rmse = AlsBaseline.fit(session, tuning.fit(), tuning.heldOut(), alsRank, reg, alsIterations, seed).rmse();
      System.out.printf(Locale.ROOT, "ALS regParam %.3f: validation RMSE %.4f%n", reg, rmse);
      if (rmse < bestRmse) {
        bestRmse = rmse;
        bestReg = reg;
      }
    }
    double tuningSeconds = (System.nanoTime() - start) / 1e9;
    tuning.unpersist();
    try (PeakHeap heap = new PeakHeap()) {
      AlsBaseline.Run run = AlsBaseline.fit(session, train, test, alsRank, bestReg, alsIterations, seed);
      record(new Result(size, seed, String.format(Locale.ROOT, "als rank %d reg %.3f (tuned in %.0f s)", alsRank,
          bestReg, tuningSeconds), run.rmse(), run.seconds(), alsIterations, heap.peakMiB()));
    }
  }

  private void dmf(JavaRDD<EntryBlock> train, JavaRDD<EntryBlock> test, StarRatings data, long seed,
      RatingSettings settings, int parts) {
    try (PeakHeap heap = new PeakHeap()) {
      long start = System.nanoTime();
      RatingsFit.Fitted fitted = RatingsFit.fit(train, data.users(), data.items(), settings, EngineChoice.AUTO, Parallelism.uniform(parts),
          trace ? new TrainingListener() {
            @Override
            public void onIterate(int step, double trainLoss, TrainingState state, double s) {}

            @Override
            public void onValidation(int step, double rmse) {
              System.out.printf(Locale.ROOT, "  step %d: validation RMSE %.4f%n", step, rmse);
            }
          } : TrainingListener.NONE);
      double seconds = (System.nanoTime() - start) / 1e9;
      record(new Result(data.ratings(), seed, String.format(Locale.ROOT, "dmf depth %d width %d reg %s (chosen %.3f)",
          settings.depth(), settings.width(), Double.isNaN(settings.regParam()) ? "auto" : settings.regParam(),
          fitted.bestStage().regParam()), testRmse(fitted, test), seconds, fitted.steps(), heap.peakMiB()));
    }
  }

  private void tuned(JavaRDD<EntryBlock> train, JavaRDD<EntryBlock> test, StarRatings data, long seed, int parts) {
    try (PeakHeap heap = new PeakHeap()) {
      long start = System.nanoTime();
      RatingsTuning.Tuned tuned = RatingsTuning.tune(train, data.users(), data.items(), RatingSettings.DEFAULTS,
          RatingsTuning.WIDTHS, EngineChoice.AUTO, Parallelism.uniform(parts));
      double seconds = (System.nanoTime() - start) / 1e9;
      record(new Result(data.ratings(), seed, String.format(Locale.ROOT, "dmf --tune (chose width %d, reg %.3f)",
          tuned.best().factors().factor(1).rows(), tuned.best().bestStage().regParam()),
          testRmse(tuned.best(), test), seconds, tuned.best().steps(), heap.peakMiB()));
    }
  }

  private static double testRmse(RatingsFit.Fitted fitted, JavaRDD<EntryBlock> test) {
    try (Objective residuals = CompletionObjective.spark(fitted.biases().residuals(test), 0)) {
      return Metrics.rmse(fitted.factors(), residuals);
    }
  }

  /** Held-out ratings whose user and item have training ratings: ALS's "drop" cold-start strategy. */
  private static JavaRDD<EntryBlock> seenOnly(JavaSparkContext sc, JavaRDD<EntryBlock> train, JavaRDD<EntryBlock> test,
      int rows, int cols) {
    Broadcast<EntryCounts> counts = sc.broadcast(EntryCounts.of(train, rows, cols));
    return test.map(block -> {
      EntryBlockBuilder out = new EntryBlockBuilder();
      for (int e = 0; e < block.size(); e++) {
        if (counts.value().rows()[block.row(e)] > 0 && counts.value().cols()[block.col(e)] > 0) {
          out.add(block.row(e), block.col(e), block.value(e));
        }
      }
      return out.build();
    }).cache();
  }

  private void record(Result result) {
    results.add(result);
    System.out.printf(Locale.ROOT, "%-55s test RMSE %.4f  %7.1f s  %4d steps  peak heap %d MiB%n", result.method(),
        result.testRmse(), result.seconds(), result.steps(), result.peakHeapMiB());
  }

  private void printTable() throws IOException {
    List<String> lines = new ArrayList<>();
    lines.add("ratings,seed,method,test_rmse,seconds,steps,peak_heap_mib");
    for (Result r : results) {
      lines.add(String.format(Locale.ROOT, "%d,%d,%s,%.5f,%.2f,%d,%d", r.ratings(), r.seed(), r.method(), r.testRmse(),
          r.seconds(), r.steps(), r.peakHeapMiB()));
    }
    System.out.println();
    lines.forEach(System.out::println);
    if (csv != null) {
      Files.write(csv, lines);
    }
  }
}
