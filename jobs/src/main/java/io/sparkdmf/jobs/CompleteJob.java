package io.sparkdmf.jobs;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.sparkdmf.core.engine.ObservedEntries;
import io.sparkdmf.core.entries.EntryBlock;
import io.sparkdmf.core.linalg.Blas;
import io.sparkdmf.core.linalg.Matrix;
import io.sparkdmf.core.metrics.Metrics;
import io.sparkdmf.core.model.DeepFactorization;
import io.sparkdmf.core.model.FactorShapes;
import io.sparkdmf.core.model.Initialization;
import io.sparkdmf.core.optim.Optimizer;
import io.sparkdmf.core.train.StoppingRule;
import io.sparkdmf.core.train.Trainer;
import io.sparkdmf.core.train.TrainingResult;
import io.sparkdmf.data.AtomicOutputDirectory;
import io.sparkdmf.data.EntryDataset;
import io.sparkdmf.data.EntryFileReader;
import io.sparkdmf.data.EntryFormat;
import io.sparkdmf.data.ModelStore;
import io.sparkdmf.data.Predictions;
import io.sparkdmf.data.SyntheticCompletion;
import java.io.Writer;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.apache.spark.api.java.JavaSparkContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code dmf complete}: fits a deep matrix factorization to observed entries. */
@Command(
    name = "complete",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
        "Matrix completion with a deep factorization W = W_N ... W_1 trained from small initialization.",
        "Writes metrics.json, history.csv, factors/W1.mtx .. WN.mtx and (with test entries)"
            + " predictions.csv into --out, all at once at the end."})
final class CompleteJob implements Callable<Integer> {
  private static final Logger LOG = LoggerFactory.getLogger(CompleteJob.class);
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  @Option(names = "--input", paramLabel = "PATH",
      description = "Entry file(s): 'row col value' per line (comma, tab or space separated);"
          + " a file, directory or glob on any Hadoop file system.")
  String input;

  @Option(names = "--test", paramLabel = "PATH", description = "Held-out entries (same format as --input) for test RMSE.")
  String testInput;

  @Option(names = "--header", description = "The entry files start with a header line.")
  boolean header;

  @Option(names = "--one-based", description = "Indices in the entry files start at 1 (default 0).")
  boolean oneBased;

  @Option(names = "--rows", description = "Number of rows (default: largest row index + 1).")
  Integer rows;

  @Option(names = "--cols", description = "Number of columns (default: largest column index + 1).")
  Integer cols;

  @Option(names = "--synthetic", paramLabel = "SPEC",
      description = "Generate the reference task instead of reading files, e.g."
          + " n=100,rank=5,observed=2000,seed=0 (optional m= for m x n, test= for held-out entries).")
  String synthetic;

  @Option(names = "--depth", defaultValue = "3", description = "Number of factors N (default: ${DEFAULT-VALUE}).")
  int depth;

  @Option(names = "--width", description = "Hidden width d_1 .. d_{N-1} (default: min(m, n), full).")
  Integer width;

  @Option(names = "--init", defaultValue = "gaussian",
      description = "Initialization: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
  Initialization init;

  @Option(names = "--init-scale", defaultValue = "1e-3", description = "Init scale s (default: ${DEFAULT-VALUE}).")
  double initScale;

  @Option(names = "--optimizer", defaultValue = "grouprmsprop",
      description = "${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
  Optimizer.Kind optimizer;

  @Option(names = "--lr", defaultValue = "1e-3", description = "Learning rate (default: ${DEFAULT-VALUE}).")
  double learningRate;

  @Option(names = "--max-steps", defaultValue = "1000000", description = "Most updates (default: ${DEFAULT-VALUE}).")
  int maxSteps;

  @Option(names = "--train-threshold", defaultValue = "1e-6",
      description = "Stop once the train MSE is at most this (default: ${DEFAULT-VALUE}).")
  double trainThreshold;

  @Option(names = "--engine", defaultValue = "auto",
      description = "${COMPLETION-CANDIDATES}: local threads, Spark, or local up to 1M entries"
          + " (default: ${DEFAULT-VALUE}).")
  EngineChoice engine;

  @Option(names = "--parallelism", description = "Threads (local) or partitions (spark) (default: Spark's default parallelism).")
  Integer parallelism;

  @Option(names = "--seed", defaultValue = "0", description = "Seed of the initialization (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--history-every", defaultValue = "100",
      description = "Steps between rows of history.csv (default: ${DEFAULT-VALUE}).")
  int historyEvery;

  @Option(names = "--log-every", defaultValue = "2", paramLabel = "SECONDS",
      description = "Seconds between progress lines (default: ${DEFAULT-VALUE}).")
  double logEverySeconds;

  @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output directory (must not exist).")
  String out;

  @Option(names = "--overwrite", description = "Replace --out if it exists.")
  boolean overwrite;

  @Override
  public Integer call() throws Exception {
    if ((input == null) == (synthetic == null)) {
      throw new IllegalArgumentException("give exactly one of --input PATH or --synthetic SPEC");
    }
    if (historyEvery < 1) {
      throw new IllegalArgumentException("--history-every must be at least 1");
    }
    StoppingRule stoppingRule = new StoppingRule(maxSteps, trainThreshold);
    Optimizer solver = optimizer.create(learningRate);
    JavaSparkContext sc = SparkContexts.start("dmf complete");
    int threads = parallelism != null ? parallelism : sc.defaultParallelism();
    try (AtomicOutputDirectory output = AtomicOutputDirectory.create(out, overwrite, sc.hadoopConfiguration())) {
      Problem problem = synthetic != null ? generate(sc, threads) : read(sc, threads);
      try (ObservedEntries train = problem.train(); ObservedEntries test = problem.test()) {
        FactorShapes shapes = new FactorShapes(problem.rows(), problem.cols(), depth,
            width != null ? width : Math.min(problem.rows(), problem.cols()));
        DeepFactorization model = init.create(shapes, initScale, seed);
        LOG.info("completing a {}x{} matrix from {} entries: depth {}, width {}, {} init {}, {} lr {}, {} engine",
            shapes.rows(), shapes.cols(), train.count(), depth, shapes.hiddenWidth(),
            init.name().toLowerCase(), initScale, optimizer.name().toLowerCase(), learningRate,
            train.engineName());
        ProgressMonitor monitor =
            new ProgressMonitor(maxSteps, historyEvery, logEverySeconds, problem.truth(), test);
        TrainingResult result = new Trainer(solver, stoppingRule, monitor).train(model, train);
        ProgressMonitor.Row last =
            monitor.finish(result.steps(), result.trainLoss(), model, result.seconds());

        Map<String, Object> metrics = metrics(result, last, train);
        writeResults(output, metrics, result.model(), monitor, problem);
        output.commit();
        LOG.info("stopped by {} after {} steps in {} s; results in {}",
            result.reason().name().toLowerCase().replace('_', ' '), result.steps(),
            String.format("%.1f", result.seconds()), output.target());
        System.out.println(JSON.writeValueAsString(metrics));
      }
    }
    return 0;
  }

  /** The task, its entries already routed to an engine. */
  private record Problem(int rows, int cols, ObservedEntries train, ObservedEntries test,
      EntryBlock testEntries, Optional<Matrix> truth) {}

  private Problem generate(JavaSparkContext sc, int threads) {
    var problem = SyntheticCompletion.parse(synthetic).generate();
    ObservedEntries train = engine.build(problem.train(), sc, threads);
    ObservedEntries test = problem.hasTest() ? engine.build(problem.test(), sc, threads) : null;
    return new Problem(problem.rows(), problem.cols(), train, test, problem.test(), problem.truth());
  }

  private Problem read(JavaSparkContext sc, int threads) {
    EntryFormat format = new EntryFormat(header, oneBased,
        rows != null ? rows : EntryFormat.UNKNOWN, cols != null ? cols : EntryFormat.UNKNOWN);
    EntryDataset trainData = new EntryFileReader(sc, format).read(input);
    ObservedEntries train = engine.build(trainData.blocks(), trainData.count(), threads);
    if (testInput == null) {
      return new Problem(trainData.rows(), trainData.cols(), train, null, null, Optional.empty());
    }
    EntryDataset testData = new EntryFileReader(sc,
        new EntryFormat(header, oneBased, trainData.rows(), trainData.cols())).read(testInput);
    EntryBlock testEntries = EntryBlock.concat(testData.blocks().collect());
    return new Problem(trainData.rows(), trainData.cols(), train,
        engine.build(testEntries, sc, threads), testEntries, Optional.empty());
  }

  private static void writeResults(AtomicOutputDirectory output, Map<String, Object> metrics,
      DeepFactorization model, ProgressMonitor monitor, Problem problem) throws Exception {
    try (Writer writer = output.newFile("metrics.json")) {
      writer.write(JSON.writeValueAsString(metrics));
    }
    try (Writer writer = output.newFile("history.csv")) {
      monitor.writeCsv(writer);
    }
    ModelStore.save(model, output, "factors");
    if (problem.testEntries() != null && problem.testEntries().size() > 0) {
      try (Writer writer = output.newFile("predictions.csv")) {
        Predictions.writeCsv(model, problem.testEntries(), writer);
      }
    }
  }

  private Map<String, Object> metrics(TrainingResult result, ProgressMonitor.Row last, ObservedEntries train) {
    Map<String, Object> metrics = new LinkedHashMap<>();
    metrics.put("train_loss", result.trainLoss());
    putKnown(metrics, "reconstruction_error", last.reconstructionError());
    putKnown(metrics, "test_rmse", last.testRmse());
    metrics.put("steps", result.steps());
    metrics.put("stop_reason", result.reason().name().toLowerCase());
    metrics.put("seconds", result.seconds());
    metrics.put("seconds_per_step", result.secondsPerStep());
    metrics.put("engine", train.engineName());
    metrics.put("blas", Blas.implementation());
    metrics.put("rows", result.model().rows());
    metrics.put("cols", result.model().cols());
    metrics.put("observed", train.count());
    metrics.put("depth", depth);
    metrics.put("init", init.name().toLowerCase());
    metrics.put("init_scale", initScale);
    metrics.put("optimizer", optimizer.name().toLowerCase());
    metrics.put("lr", learningRate);
    metrics.put("seed", seed);
    return metrics;
  }

  private static void putKnown(Map<String, Object> metrics, String key, double value) {
    if (!Double.isNaN(value)) {
      metrics.put(key, value);
    }
  }
}
