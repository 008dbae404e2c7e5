package io.sparkdmf.jobs;

import io.sparkdmf.core.bias.RatingBiases;
import io.sparkdmf.core.penalty.FactorPenalty;
import io.sparkdmf.core.engine.EngineChoice;
import io.sparkdmf.core.completion.CompletionObjective;
import io.sparkdmf.core.completion.EntryBlock;
import io.sparkdmf.core.objective.Objective;
import io.sparkdmf.data.CompletionProblem;
import io.sparkdmf.data.EntryDataset;
import io.sparkdmf.data.EntryFileReader;
import io.sparkdmf.data.EntryFormat;
import io.sparkdmf.data.Predictions;
import io.sparkdmf.data.RatingFileReader;
import io.sparkdmf.data.SyntheticCompletion;
import java.io.Writer;
import io.sparkdmf.core.routing.CompletionRouting;
import io.sparkdmf.core.train.TrainData;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code dmf complete}: fits a deep matrix factorization to observed entries. */
@Command(
    name = "complete",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
        "Matrix completion with a deep factorization W = W_N ... W_1 trained from small initialization.",
        "--input: entry files, 'row col value' per line (comma, tab or space separated); --rows and --cols"
            + " default to the largest index + 1.",
        "--synthetic: the reference task, e.g. n=100,rank=5,observed=2000,seed=0 (optional m= for m x n,"
            + " test= for held-out entries).",
        "Writes metrics.json, history.csv, factors/W1.mtx .. WN.mtx and (with test entries)"
            + " predictions.csv into --out, all at once at the end."})
final class CompleteJob implements Callable<Integer> {

  @Mixin DataOptions data;

  @Option(names = "--one-based", description = "Indices in the entry files start at 1 (default 0).")
  boolean oneBased;

  @Option(names = "--ratings", description = "The files hold ratings, 'user item rating [timestamp]' per line,"
      + " with any tokens as ids (rows and columns in sorted id order; the ids are saved with the factors).")
  boolean ratings;

  @Option(names = "--parquet", description = "--input and --test are Parquet datasets of ratings (implies --ratings),"
      + " with the columns of --rating-columns.")
  boolean parquet;

  @Option(names = "--rating-columns", split = ",", defaultValue = "user,item,rating", paramLabel = "USER,ITEM,RATING",
      description = "Column names of Parquet ratings (default: ${DEFAULT-VALUE}).")
  List<String> ratingColumns;

  @Option(names = "--cold-start", defaultValue = "drop", paramLabel = "drop|error",
      description = "A --test rating whose user or item has no training ratings is left out of the evaluation"
          + " (drop, with a count in the log, as ALS users evaluate) or an error naming the file and line"
          + " (default: ${DEFAULT-VALUE}).")
  String coldStart;

  @Option(names = "--reg", defaultValue = "0", paramLabel = "LAMBDA",
      description = "Weight of an L2 penalty on the factors, weighted per row and column by their entries as"
          + " MLlib ALS's regParam (depth >= 2; default: ${DEFAULT-VALUE}, the implicit regularization alone).")
  double regParam;

  @Option(names = "--biases", description = "Fit a global mean and a bias per row and per column first (ridge,"
      + " --bias-reg pseudo-entries at the mean) and the factors to what they leave; for rating data. Written to"
      + " factors/biases.csv and included in predictions.csv.")
  boolean biases;

  @Option(names = "--bias-reg", defaultValue = "10", paramLabel = "PSEUDO_ENTRIES",
      description = "Ridge weight of --biases (default: ${DEFAULT-VALUE}).")
  double biasReg;

  @Mixin ModelOptions model;
  @Mixin TrainingOptions training;
  @Mixin OutputOptions output;

  @Override
  public Integer call() throws Exception {
    FactorPenalty.requireValidWeight(regParam);
    if (regParam > 0) {
      FactorPenalty.requireOuterFactors(model.depth);
    }
    if (biases && data.synthetic()) {
      throw new IllegalArgumentException("--biases is for entries read with --input, not --synthetic");
    }
    return new TrainingRun("complete", model, training, output)
        .run(data.synthetic() ? this::generate : this::read);
  }

  private TrainingTask generate(JavaSparkContext sc, int parallelism) {
    CompletionProblem problem = SyntheticCompletion.parse(data.synthetic).generate();
    return task(problem.rows(), problem.cols(),
        distribute(problem.train(), sc, parallelism, problem.rows(), problem.cols()),
        problem.test(), sc, parallelism, problem, null, null);
  }

  private TrainingTask read(JavaSparkContext sc, int parallelism) {
    return ratings || parquet ? readRatings(sc, parallelism) : readEntries(sc, parallelism);
  }

  private TrainingTask readRatings(JavaSparkContext sc, int parallelism) {
    if (ratingColumns.size() != 3) {
      throw new IllegalArgumentException("--rating-columns needs three names: user,item,rating");
    }
    RatingFileReader reader = parquet
        ? RatingFileReader.parquet(sc, ratingColumns.get(0), ratingColumns.get(1), ratingColumns.get(2))
        : new RatingFileReader(sc, data.header);
    RatingFileReader.RatingDataset dataset = reader.read(data.input);
    EntryBlock test = data.testInput == null ? EntryBlock.concat(List.of())
        : reader.readHeldOut(data.testInput, dataset, RatingFileReader.ColdStart.parse(coldStart));
    return task(dataset.entries(), test, sc, parallelism, dataset);
  }

  private TrainingTask readEntries(JavaSparkContext sc, int parallelism) {
    EntryFormat format = new EntryFormat(data.header, oneBased,
        data.rows != null ? data.rows : EntryFormat.UNKNOWN, data.cols != null ? data.cols : EntryFormat.UNKNOWN);
    EntryDataset entries = new EntryFileReader(sc, format).read(data.input);
    EntryBlock test = data.testInput == null ? EntryBlock.concat(List.of())
        : EntryBlock.concat(new EntryFileReader(sc,
            new EntryFormat(data.header, oneBased, entries.rows(), entries.cols())).read(data.testInput).blocks().collect());
    return task(entries, test, sc, parallelism, null);
  }

  /** Entries read from files, their biases taken off first with --biases. */
  private TrainingTask task(EntryDataset entries, EntryBlock test, JavaSparkContext sc, int parallelism,
      RatingFileReader.RatingDataset ids) {
    RatingBiases baseline = biases ? RatingBiases.fit(entries.blocks(), entries.rows(), entries.cols(), biasReg) : null;
    JavaRDD<EntryBlock> train = baseline == null ? entries.blocks() : baseline.residuals(entries.blocks());
    return task(entries.rows(), entries.cols(),
        distribute(train, entries.count(), parallelism, entries.rows(), entries.cols()),
        test, sc, parallelism, null, ids, baseline);
  }

  /**
   * @param synthetic the generated problem (for its ground truth), or null for files
   * @param ids the users and items of rating files, or null when rows and columns are indices
   * @param baseline the biases the factors were fitted under, or null
   */
  private TrainingTask task(int rows, int cols, TrainData train, EntryBlock test, JavaSparkContext sc,
      int parallelism, CompletionProblem synthetic, RatingFileReader.RatingDataset ids, RatingBiases baseline) {
    boolean hasTest = test.size() > 0;
    EntryBlock testResiduals = baseline == null ? test : baseline.residuals(test);
    return new TrainingTask(rows, cols, train, hasTest ? testObjective(testResiduals, sc, parallelism) : null,
        synthetic == null ? Optional.empty() : synthetic.truth(), "observed",
        (fitted, out) -> {
          if (ids != null) {
            try (Writer writer = out.newFile("factors/row_ids.txt")) {
              Predictions.writeIds(ids.userIds(), writer);
            }
            try (Writer writer = out.newFile("factors/col_ids.txt")) {
              Predictions.writeIds(ids.itemIds(), writer);
            }
          }
          if (baseline != null) {
            try (Writer writer = out.newFile("factors/biases.csv")) {
              Predictions.writeBiases(baseline, writer);
            }
          }
          if (hasTest) {
            try (Writer writer = out.newFile("predictions.csv")) {
              Predictions.writeCsv(fitted, test, ids == null ? null : ids.userIds(),
                  ids == null ? null : ids.itemIds(), baseline, writer);
            }
          }
        });
  }

  /** Entries on the driver, to the engine chosen by --engine and the sizes. */
  private TrainData distribute(EntryBlock entries, JavaSparkContext sc, int parallelism, int rows, int cols) {
    var blocks = entries.split(EngineChoice.blockSize(entries.size(), parallelism));
    return distribute(entries.size(), rows, cols,
        () -> new ArrayList<>(blocks), () -> sc.parallelize(blocks, parallelism), parallelism);
  }

  /** Entries read into an RDD: the local engine collects them to the driver. */
  private TrainData distribute(JavaRDD<EntryBlock> blocks, long count, int parallelism, int rows, int cols) {
    return distribute(count, rows, cols, () -> new ArrayList<>(blocks.collect()),
        () -> blocks.getNumPartitions() == parallelism ? blocks : blocks.repartition(parallelism), parallelism);
  }

  private TrainData distribute(long count, int rows, int cols, Supplier<List<EntryBlock>> onDriver,
      Supplier<JavaRDD<EntryBlock>> inRdd, int parallelism) {
    return CompletionRouting.route(training.engine, count, rows, cols, model.shapes(rows, cols).hiddenWidth(),
        parallelism, regParam, onDriver, inRdd);
  }

  /** Test entries: evaluated on the driver-held (for the block engine, gathered) model. */
  private Objective testObjective(EntryBlock entries, JavaSparkContext sc, int parallelism) {
    var blocks = entries.split(EngineChoice.blockSize(entries.size(), parallelism));
    EngineChoice engine = training.engine == EngineChoice.BLOCKED ? EngineChoice.AUTO : training.engine;
    return engine.choose(entries.size(), 0,
        () -> CompletionObjective.local(blocks, EngineChoice.localThreads(entries.size(), parallelism)),
        () -> CompletionObjective.spark(sc.parallelize(blocks, parallelism), entries.size()), null);
  }
}
