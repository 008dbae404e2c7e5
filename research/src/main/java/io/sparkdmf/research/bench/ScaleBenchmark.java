package io.sparkdmf.research.bench;

import io.sparkdmf.core.engine.Parallelism;
import io.sparkdmf.core.engine.blocked.BlockedCompletion;
import io.sparkdmf.core.completion.CompletionObjective;
import io.sparkdmf.core.completion.EntryBlock;
import io.sparkdmf.core.completion.FactorPanels;
import io.sparkdmf.core.linalg.Blas;
import io.sparkdmf.core.metrics.Metrics;
import io.sparkdmf.core.model.DeepFactorization;
import io.sparkdmf.core.model.FactorShapes;
import io.sparkdmf.core.model.Initialization;
import io.sparkdmf.core.objective.Objective;
import io.sparkdmf.core.optim.Optimizer;
import io.sparkdmf.core.completion.EntryCounts;
import io.sparkdmf.core.penalty.PenalizedObjective;
import io.sparkdmf.core.train.DriverTrainingState;
import io.sparkdmf.core.train.StoppingRule;
import io.sparkdmf.core.train.Trainer;
import io.sparkdmf.core.train.TrainingListener;
import io.sparkdmf.core.train.TrainingState;
import io.sparkdmf.data.SyntheticRatings;
import io.sparkdmf.jobs.SparkContexts;
import io.sparkdmf.research.experiment.Figures;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.function.DoubleUnaryOperator;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.ml.evaluation.RegressionEvaluator;
import org.apache.spark.ml.recommendation.ALS;
import org.apache.spark.ml.recommendation.ALSModel;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code dmf bench scale}: MLlib ALS against spark-dmf on seeded MovieLens-shaped rating data of
 * growing size, in one run: time per ALS iteration and per full-batch epoch, the best held-out RMSE
 * and the time to reach it against the noise floor, peak heap; and our step's Spark overhead against
 * a bare broadcast + aggregation job over the same cached entries.
 */
@Command(name = "scale", mixinStandardHelpOptions = true, sortOptions = false,
    description = "Benchmark: MLlib ALS vs spark-dmf on MovieLens-shaped synthetic ratings (1M, 5M, 20M).")
public final class ScaleBenchmark implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Option(names = "--sizes", split = ",", defaultValue = "1000000,5000000,20000000",
      description = "Numbers of ratings (default: ${DEFAULT-VALUE}).")
  long[] sizes;

  @Option(names = "--converge-up-to", defaultValue = "5000000",
      description = "Train to the best test RMSE up to this size; larger sizes time --timing-epochs epochs"
          + " and --timing-als-iterations iterations only (default: ${DEFAULT-VALUE}).")
  long convergeUpTo;

  @Option(names = "--als-iterations", defaultValue = "10", description = "ALS iterations (default: ${DEFAULT-VALUE}).")
  int alsIterations;

  @Option(names = "--reg-params", split = ",", defaultValue = "0.01,0.03,0.1",
      description = "ALS regParam grid, tuned on the first size's held-out RMSE; a single value is used as is"
          + " (default: ${DEFAULT-VALUE}).")
  double[] regParams;

  @Option(names = "--dmf-reg-params", split = ",", defaultValue = "0,0.003,0.01,0.02",
      description = "DMF regParam grid (the factor penalty, on ALS's scale), tuned at the largest depth on the first"
          + " size's held-out RMSE; DMF then runs without the penalty and with the tuned one (default: ${DEFAULT-VALUE}).")
  double[] dmfRegParams;

  @Option(names = "--depths", split = ",", defaultValue = "2,3", description = "DMF depths (default: ${DEFAULT-VALUE}).")
  int[] depths;

  @Option(names = "--width", defaultValue = "16", description = "DMF hidden width (default: ${DEFAULT-VALUE}).")
  int width;

  @Option(names = "--optimizer", defaultValue = "adam", description = "DMF optimizer (default: ${DEFAULT-VALUE}).")
  Optimizer.Kind optimizer;

  @Option(names = "--lr", defaultValue = "0.05", description = "DMF learning rate (default: ${DEFAULT-VALUE}).")
  double learningRate;

  @Option(names = "--init-scale", defaultValue = "0.3", description = "DMF init scale (default: ${DEFAULT-VALUE}).")
  double initScale;

  @Option(names = "--epochs", defaultValue = "100", description = "Most full-batch DMF steps (default: ${DEFAULT-VALUE}).")
  int epochs;

  @Option(names = "--patience", defaultValue = "30",
      description = "Stop DMF after this many epochs without a better test RMSE (default: ${DEFAULT-VALUE}).")
  int patience;

  @Option(names = "--timing-epochs", defaultValue = "6", description = "DMF steps timed at the largest sizes (default: ${DEFAULT-VALUE}).")
  int timingEpochs;

  @Option(names = "--timing-als-iterations", defaultValue = "3",
      description = "ALS iterations timed at the largest sizes (default: ${DEFAULT-VALUE}).")
  int timingAlsIterations;

  @Option(names = "--engines", split = ",", defaultValue = "blocked",
      description = "DMF engines: blocked, spark (default: ${DEFAULT-VALUE}).")
  String[] engines;

  @Option(names = "--partitions", description = "Partitions of the data (default: 2 x Spark's default parallelism).")
  Integer partitions;

  @Option(names = "--seed", defaultValue = "0", description = "Data and init seed (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--csv", paramLabel = "FILE", description = "Also write the result rows to this CSV file.")
  Path csv;

  @Option(names = "--plots", paramLabel = "DIR",
      description = "Write figures (PNG and SVG) here: time per epoch against size, and held-out RMSE"
          + " per epoch at each size trained to the best RMSE, with ALS and the noise floor.")
  Path plots;

  /** One method at one size; {@code curve} holds the held-out RMSE after each epoch (empty for ALS). */
  record Result(long ratings, String method, double secondsPerEpoch, int epochs, double secondsToBest,
      double bestTestRmse, double noiseFloor, double oracleRmse, long peakHeapMiB, double[] curve) {}

  private final List<Result> results = new ArrayList<>();
  private final List<String> overheads = new ArrayList<>();

  @Override
  public Integer call() throws IOException {
    JavaSparkContext sc = SparkContexts.start("dmf bench scale");
    int parts = partitions != null ? partitions : 2 * sc.defaultParallelism();
    System.out.println("# bench scale; command: deploy/dmf " + String.join(" ", spec.commandLine().getParseResult().originalArgs()));
    System.out.println("# " + sc.master() + ", " + parts + " partitions, max heap "
        + (Runtime.getRuntime().maxMemory() >> 20) + " MiB, BLAS " + Blas.implementation());
    Double tunedReg = null;
    Double tunedDmfReg = null;
    for (long size : sizes) {
      SyntheticRatings spec = SyntheticRatings.movieLensShaped(size, seed);
      SyntheticRatings.Split data = spec.generate(sc, parts);
      long trainCount = data.train().map(EntryBlock::size).fold(0, Integer::sum);
      long testCount = data.test().map(EntryBlock::size).fold(0, Integer::sum);
      System.out.printf(Locale.ROOT, "%n## %,d ratings: %,d x %,d, rank %d, noise %.2f; %,d train, %,d test%n",
          size, spec.rows(), spec.cols(), spec.rank(), spec.noise(), trainCount, testCount);
      double oracle = spec.oracleRmse(sc, data);
      System.out.printf(Locale.ROOT, "oracle (true item vectors, posterior-mean user vectors): test RMSE %.4f"
          + " (%.3fx noise)%n", oracle, oracle / spec.noise());
      boolean converge = size <= convergeUpTo;
      if (tunedReg == null) {
        tunedReg = regParams.length == 1 ? regParams[0]
            : tune("ALS", regParams, reg -> alsFit(sc, data, reg, alsIterations).rmse());
      }
      als(sc, data, spec, oracle, tunedReg, converge ? alsIterations : timingAlsIterations);
      if (tunedDmfReg == null) {
        int depth = Arrays.stream(depths).max().getAsInt();
        tunedDmfReg = dmfRegParams.length == 1 ? dmfRegParams[0] : tune("DMF depth " + depth, dmfRegParams,
            reg -> dmf(sc, data, spec, oracle, trainCount, depth, reg, engines[0], epochs).bestTestRmse());
      }
      for (String engine : engines) {
        for (int depth : depths) {
          for (double reg : tunedDmfReg == 0 ? new double[] {0} : new double[] {0, tunedDmfReg}) {
            record(dmf(sc, data, spec, oracle, trainCount, depth, reg, engine, converge ? epochs : timingEpochs));
          }
        }
      }
      overhead(sc, data.train(), spec, trainCount);
      data.train().unpersist();
      data.test().unpersist();
    }
    printTable();
    if (plots != null) {
      plot();
    }
    return 0;
  }

  private void plot() throws IOException {
    Files.createDirectories(plots);
    List<String> methods = results.stream().map(ScaleBenchmark::family).distinct().toList();
    List<Figures.Line> timing = new ArrayList<>();
    for (String method : methods) {
      List<Result> rows = results.stream().filter(r -> family(r).equals(method)).toList();
      timing.add(new Figures.Line(method, rows.stream().mapToDouble(r -> r.ratings() / 1e6).toArray(),
          rows.stream().mapToDouble(Result::secondsPerEpoch).toArray(), false));
    }
    Figures.save(Figures.chart("Time per ALS iteration / DMF epoch", "ratings (millions)", "seconds", true, true,
        timing), plots.resolve("time-per-epoch"));
    for (long size : sizes) {
      List<Result> atSize = results.stream().filter(r -> r.ratings() == size).toList();
      if (atSize.stream().noneMatch(r -> r.curve().length > 1 && r.epochs() > timingEpochs)) {
        continue;
      }
      int longest = atSize.stream().mapToInt(r -> r.curve().length).max().orElse(1);
      List<Figures.Line> lines = new ArrayList<>();
      for (Result r : atSize) {
        double[] epochs = r.curve().length > 0
            ? java.util.stream.IntStream.range(0, r.curve().length).asDoubleStream().toArray()
            : new double[] {0, longest - 1};
        double[] rmse = r.curve().length > 0 ? r.curve() : new double[] {r.bestTestRmse(), r.bestTestRmse()};
        lines.add(new Figures.Line(r.curve().length > 0 ? r.method() : r.method() + " (after " + r.epochs()
            + " iterations)", epochs, rmse, r.curve().length == 0));
      }
      lines.add(new Figures.Line("noise floor", new double[] {0, longest - 1},
          new double[] {atSize.get(0).noiseFloor(), atSize.get(0).noiseFloor()}, true));
      lines.add(new Figures.Line("oracle (true item vectors)", new double[] {0, longest - 1},
          new double[] {atSize.get(0).oracleRmse(), atSize.get(0).oracleRmse()}, true));
      Figures.save(Figures.chart(String.format(Locale.ROOT, "Held-out RMSE, %,d ratings", size), "epoch",
          "test RMSE", false, false, lines), plots.resolve("test-rmse-" + size));
    }
  }

  /** The method without its size-specific details, for one line per method across sizes. */
  private static String family(Result result) {
    return result.method().startsWith("als") ? "ALS rank 10" : result.method();
  }

  /** The value of {@code grid} with the lowest held-out RMSE, each printed as it is measured. */
  private static double tune(String method, double[] grid, DoubleUnaryOperator heldOutRmse) {
    double best = grid[0];
    double bestRmse = Double.POSITIVE_INFINITY;
    for (double reg : grid) {
      double rmse = heldOutRmse.applyAsDouble(reg);
      System.out.printf(Locale.ROOT, "%s regParam %.3f: test RMSE %.4f%n", method, reg, rmse);
      if (rmse < bestRmse) {
        bestRmse = rmse;
        best = reg;
      }
    }
    System.out.printf(Locale.ROOT, "%s regParam tuned on held-out RMSE: %.3f%n", method, best);
    return best;
  }

  private AlsBaseline.Run alsFit(JavaSparkContext sc, SyntheticRatings.Split data, double reg, int iterations) {
    return AlsBaseline.fit(SparkSession.builder().sparkContext(sc.sc()).getOrCreate(), data.train(), data.test(), 10,
        reg, iterations, seed);
  }

  private void als(JavaSparkContext sc, SyntheticRatings.Split data, SyntheticRatings spec, double oracle, double reg,
      int iterations) {
    try (PeakHeap heap = new PeakHeap()) {
      AlsBaseline.Run run = alsFit(sc, data, reg, iterations);
      record(new Result(spec.entries(), String.format(Locale.ROOT, "als rank 10 reg %.3f", reg),
          run.seconds() / iterations, iterations, run.seconds(), run.rmse(), spec.noise(), oracle, heap.peakMiB(),
          new double[0]));
    }
  }

  private Result dmf(JavaSparkContext sc, SyntheticRatings.Split data, SyntheticRatings spec, double oracle,
      long trainCount, int depth, double reg, String engine, int maxEpochs) {
    DeepFactorization start = Initialization.GAUSSIAN.create(
        new FactorShapes(spec.rows(), spec.cols(), depth, width), initScale, seed);
    boolean blocked = engine.equals("blocked");
    try (PeakHeap heap = new PeakHeap();
        Objective test = CompletionObjective.spark(data.test(), 0);
        Objective train = blocked ? null : PenalizedObjective.withPenalty(
            CompletionObjective.spark(data.train(), trainCount), reg,
            () -> EntryCounts.of(data.train(), spec.rows(), spec.cols()));
        TrainingState state = blocked
            ? new BlockedCompletion(data.train(), trainCount, start, optimizer.create(learningRate),
                Parallelism.uniform(sc.defaultParallelism()).layout(spec.rows(), spec.cols()), 25, reg)
            : new DriverTrainingState(start, train, optimizer.create(learningRate))) {
      EarlyStopping watcher = new EarlyStopping(test, maxEpochs);
      try {
        new Trainer(new StoppingRule(maxEpochs, 0), watcher).train(state, 0);
      } catch (EarlyStopping.Stop stop) {
        // patience ran out: the best RMSE is behind us
      }
      return new Result(spec.entries(), String.format(Locale.ROOT, "dmf depth %d width %d reg %s (%s)", depth, width,
          reg, engine), watcher.trainingSeconds / Math.max(1, watcher.epochs), watcher.epochs, watcher.secondsToBest,
          watcher.bestRmse, spec.noise(), oracle, heap.peakMiB(),
          watcher.curve.stream().mapToDouble(Double::doubleValue).toArray());
    }
  }

  /** Tracks held-out RMSE after every epoch, timing training only, and stops on lost patience. */
  private final class EarlyStopping implements TrainingListener {
    static final class Stop extends RuntimeException {
      private static final long serialVersionUID = 1L;

      Stop() {
        super(null, null, false, false);
      }
    }

    private final Objective test;
    private final int maxEpochs;
    private double evaluationSeconds;
    double trainingSeconds;
    double bestRmse = Double.POSITIVE_INFINITY;
    double secondsToBest;
    int epochs;
    final List<Double> curve = new ArrayList<>();
    private int bestEpoch;

    EarlyStopping(Objective test, int maxEpochs) {
      this.test = test;
      this.maxEpochs = maxEpochs;
    }

    @Override
    public void onIterate(int step, double trainLoss, TrainingState state, double secondsSoFar) {
      long start = System.nanoTime();
      trainingSeconds = secondsSoFar - evaluationSeconds;
      epochs = step;
      double rmse = Metrics.rmse(state.model(), test);
      curve.add(rmse);
      if (rmse < bestRmse) {
        bestRmse = rmse;
        bestEpoch = step;
        secondsToBest = trainingSeconds;
      }
      if (step % 10 == 0 || step == maxEpochs) {
        System.out.printf(Locale.ROOT, "  epoch %d: train MSE %.4f, test RMSE %.4f, %.1f s training%n",
            step, trainLoss, rmse, trainingSeconds);
      }
      evaluationSeconds += (System.nanoTime() - start) / 1e9;
      if (step - bestEpoch >= patience) {
        throw new Stop();
      }
    }
  }

  /**
   * Our broadcast-engine gradient against a bare job with the same communication on the same cached
   * entries: broadcast the factor panels, read every entry once, and treeAggregate a buffer the size of
   * the gradient sums. The ratio is what our kernel and bookkeeping add to Spark's unavoidable cost.
   */
  private void overhead(JavaSparkContext sc, JavaRDD<EntryBlock> train, SyntheticRatings spec, long trainCount) {
    DeepFactorization model = Initialization.GAUSSIAN.create(
        new FactorShapes(spec.rows(), spec.cols(), 2, width), initScale, seed);
    FactorPanels panels = CompletionObjective.panels(model);
    int gradientSize = width * (spec.rows() + spec.cols());
    double bare = Timing.medianSeconds(() -> {
      Broadcast<FactorPanels> shipped = sc.broadcast(panels);
      train.treeAggregate(new double[0], (buffer, block) -> {
        double[] sums = buffer.length == 0 ? new double[gradientSize] : buffer;
        for (int e = 0; e < block.size(); e++) {
          sums[e % gradientSize] += block.value(e) * shipped.value().inner();
        }
        return sums;
      }, (a, b) -> {
        if (a.length == 0) {
          return b;
        }
        for (int i = 0; i < b.length; i++) {
          a[i] += b[i];
        }
        return a;
      }, 2);
      shipped.destroy();
    }, 1, 5);
    double ours;
    try (Objective objective = CompletionObjective.spark(train, trainCount)) {
      ours = Timing.medianSeconds(() -> objective.evaluate(model), 1, 5);
    }
    System.out.printf(Locale.ROOT, "overhead: broadcast-engine gradient %.3f s vs bare broadcast + read +"
        + " treeAggregate of a gradient-sized buffer %.3f s: %.2fx%n", ours, bare, ours / bare);
    overheads.add(String.format(Locale.ROOT, "%d,%.4f,%.4f,%.3f", spec.entries(), ours, bare, ours / bare));
  }

  private void record(Result result) {
    results.add(result);
    System.out.printf(Locale.ROOT, "%-40s %8.3f s/epoch  %4d epochs  best test RMSE %.4f (%.3fx noise, %.3fx oracle)"
            + " after %.1f s  peak heap %d MiB%n", result.method(), result.secondsPerEpoch(), result.epochs(),
        result.bestTestRmse(), result.bestTestRmse() / result.noiseFloor(), result.bestTestRmse() / result.oracleRmse(),
        result.secondsToBest(), result.peakHeapMiB());
  }

  private void printTable() throws IOException {
    String header = "ratings,method,seconds_per_epoch,epochs,seconds_to_best,best_test_rmse,noise_floor,oracle_rmse,"
        + "peak_heap_mib";
    List<String> lines = new ArrayList<>();
    lines.add(header);
    for (Result r : results) {
      lines.add(String.format(Locale.ROOT, "%d,%s,%.4f,%d,%.2f,%.5f,%.3f,%.5f,%d", r.ratings(), r.method(),
          r.secondsPerEpoch(), r.epochs(), r.secondsToBest(), r.bestTestRmse(), r.noiseFloor(), r.oracleRmse(),
          r.peakHeapMiB()));
    }
    System.out.println();
    lines.forEach(System.out::println);
    System.out.println();
    System.out.println("ratings,our_gradient_seconds,bare_job_seconds,ratio");
    overheads.forEach(System.out::println);
    if (csv != null) {
      Files.write(csv, lines);
    }
  }
}
