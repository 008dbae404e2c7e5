package io.sparkdmf.jobs;

import io.sparkdmf.core.bias.RatingBiases;
import io.sparkdmf.core.penalty.FactorPenalty;
import io.sparkdmf.core.engine.EngineChoice;
import io.sparkdmf.core.engine.Parallelism;
import io.sparkdmf.core.completion.CompletionObjective;
import io.sparkdmf.core.completion.EntryBlock;
import io.sparkdmf.core.objective.Objective;
import io.sparkdmf.core.ratings.RatingSettings;
import io.sparkdmf.data.CompletionProblem;
import io.sparkdmf.data.EntryDataset;
import io.sparkdmf.data.EntryFileReader;
import io.sparkdmf.data.EntryFormat;
import io.sparkdmf.data.ModelStore;
import io.sparkdmf.data.Predictions;
import io.sparkdmf.data.RatingFileReader;
import io.sparkdmf.data.SyntheticCompletion;
import java.io.Writer;
import io.sparkdmf.core.engine.completion.CompletionRouting;
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

  @Option(names = "--cold-start", defaultValue = "drop", paramLabel = "drop|nan|error",
      description = "A --test rating whose user or item has no training ratings is left out of the evaluation"
          + " (drop, with a count in the log, as ALS users evaluate), kept in predictions.csv with a NaN"
          + " prediction but out of test_rmse (nan), or an error naming the file and line"
          + " (default: ${DEFAULT-VALUE}).")
  String coldStart;

  @Option(names = "--reg", paramLabel = "LAMBDA|auto",
      description = "Weight of an L2 penalty on the factors, weighted per row and column by their entries as"
          + " MLlib ALS's regParam (depth >= 2). auto (--ratings only) tries penalties from 0.3 down to 0.02 and"
          + " keeps the best on the held-out ratings (default: 0, the implicit regularization alone; with"
          + " --ratings auto).")
  String regParam;

  @Option(names = "--validation-fraction", defaultValue = "0.1", paramLabel = "FRACTION",
      description = "With --ratings: share of the training ratings held out to stop training and choose the"
          + " penalty; 0 trains on all of them with the generic defaults and options (--max-steps,"
          + " --train-threshold, checkpoints) as for entries (default: ${DEFAULT-VALUE}).")
  double validationFraction;

  @Option(names = "--patience", defaultValue = "4", paramLabel = "MEASUREMENTS",
      description = "With --ratings: held-out measurements without improvement before a stage stops; the best"
          + " model is kept (default: ${DEFAULT-VALUE}).")
  int patience;

  @Option(names = "--tune", description = "With --ratings: also choose the width among "
      + "8, 16, 32 and 64 on the held-out ratings, fitting all four at once; the scores go to metrics.json.")
  boolean tune;

  @Option(names = "--refit", negatable = true, defaultValue = "true", fallbackValue = "true",
      description = "With --ratings: once the penalty and the step counts are chosen, replay them on all the"
          + " training ratings, the held-out share included (default: on; --no-refit keeps the chosen model).")
  boolean refit;

  @Option(names = "--validation-every", defaultValue = "5", paramLabel = "STEPS",
      description = "With --ratings: steps between held-out measurements (default: ${DEFAULT-VALUE}).")
  int validationEvery;

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
    if (!(validationFraction >= 0 && validationFraction < 1)) {
      throw new IllegalArgumentException("--validation-fraction must be in [0, 1), got " + validationFraction);
    }
    if ((ratings || parquet) && validationFraction > 0) {
      return new RatingsRun(ratingSettings(), tune, training.engine, training.parallelism, training.logEverySeconds, output)
          .run(new RatingsRun.Source() {
            private RatingFileReader reader;

            @Override
            public RatingFileReader.RatingDataset train(JavaSparkContext sc) {
              reader = ratingReader(sc);
              return reader.read(data.input);
            }

            @Override
            public RatingFileReader.HeldOutRatings test(RatingFileReader.RatingDataset train) {
              return data.testInput == null ? null
                  : reader.readHeldOut(data.testInput, train, RatingFileReader.ColdStart.parse(coldStart));
            }
          });
    }
    double regParam = fixedRegParam();
    if (regParam > 0) {
      FactorPenalty.requireOuterFactors(model.depth());
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
        problem.test(), sc, parallelism, problem, null, List.of(), null);
  }

  /** The rating defaults, with what the options override. */
  private RatingSettings ratingSettings() {
    if (training.checkpointDir != null) {
      throw new IllegalArgumentException("--checkpoint-dir is not supported with --ratings: a ratings fit runs a"
          + " few early-stopped stages and starts afresh");
    }
    if (data.synthetic()) {
      throw new IllegalArgumentException("--ratings reads --input files, not --synthetic");
    }
    RatingSettings d = RatingSettings.DEFAULTS;
    return new RatingSettings(model.depth != null ? model.depth : d.depth(),
        model.width != null ? model.width : d.width(), model.initScale != null ? model.initScale : d.initScale(),
        model.init,
        training.optimizer != null ? training.optimizer : d.optimizer(),
        training.learningRate != null ? training.learningRate : d.learningRate(),
        regParam == null || regParam.equalsIgnoreCase("auto") ? RatingSettings.AUTO : parseRegParam(),
        biasReg, validationFraction, validationEvery, patience,
        training.maxSteps != null ? training.maxSteps : d.maxSteps(), model.seed, refit);
  }

  private RatingFileReader ratingReader(JavaSparkContext sc) {
    if (ratingColumns.size() != 3) {
      throw new IllegalArgumentException("--rating-columns needs three names: user,item,rating");
    }
    return parquet ? RatingFileReader.parquet(sc, ratingColumns.get(0), ratingColumns.get(1), ratingColumns.get(2))
        : new RatingFileReader(sc, data.header);
  }

  /** --reg outside ratings mode: a number, 0 when not given. */
  private double fixedRegParam() {
    if (regParam != null && regParam.equalsIgnoreCase("auto")) {
      throw new IllegalArgumentException("--reg auto chooses the penalty on held-out ratings: it needs --ratings");
    }
    return regParam == null ? 0 : parseRegParam();
  }

  private double parseRegParam() {
    try {
      return FactorPenalty.requireValidWeight(Double.parseDouble(regParam));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("--reg must be a number or auto, got '" + regParam + "'");
    }
  }

  private TrainingTask read(JavaSparkContext sc, int parallelism) {
    return ratings || parquet ? readRatings(sc, parallelism) : readEntries(sc, parallelism);
  }

  /** Ratings trained on in full, without a validation split: the generic training flow. */
  private TrainingTask readRatings(JavaSparkContext sc, int parallelism) {
    RatingFileReader reader = ratingReader(sc);
    RatingFileReader.RatingDataset dataset = reader.read(data.input);
    RatingFileReader.HeldOutRatings test = data.testInput == null
        ? new RatingFileReader.HeldOutRatings(EntryBlock.concat(List.of()), List.of())
        : reader.readHeldOut(data.testInput, dataset, RatingFileReader.ColdStart.parse(coldStart));
    return task(dataset.entries(), test.known(), sc, parallelism, dataset, test.unseen());
  }

  private TrainingTask readEntries(JavaSparkContext sc, int parallelism) {
    EntryFormat format = new EntryFormat(data.header, oneBased,
        data.rows != null ? data.rows : EntryFormat.UNKNOWN, data.cols != null ? data.cols : EntryFormat.UNKNOWN);
    EntryDataset entries = new EntryFileReader(sc, format).read(data.input);
    EntryBlock test = data.testInput == null ? EntryBlock.concat(List.of())
        : EntryBlock.concat(new EntryFileReader(sc,
            new EntryFormat(data.header, oneBased, entries.rows(), entries.cols())).read(data.testInput).blocks().collect());
    return task(entries, test, sc, parallelism, null, List.of());
  }

  /** Entries read from files, their biases taken off first with --biases. */
  private TrainingTask task(EntryDataset entries, EntryBlock test, JavaSparkContext sc, int parallelism,
      RatingFileReader.RatingDataset ids, List<RatingFileReader.UnseenRating> unseen) {
    RatingBiases baseline = biases ? RatingBiases.fit(entries.blocks(), entries.rows(), entries.cols(), biasReg) : null;
    JavaRDD<EntryBlock> train = baseline == null ? entries.blocks() : baseline.residuals(entries.blocks());
    return task(entries.rows(), entries.cols(),
        distribute(train, entries.count(), parallelism, entries.rows(), entries.cols()),
        test, sc, parallelism, null, ids, unseen, baseline);
  }

  /**
   * @param synthetic the generated problem (for its ground truth), or null for files
   * @param ids the users and items of rating files, or null when rows and columns are indices
   * @param unseen held-out ratings of users or items without training ratings, predicted as NaN
   * @param baseline the biases the factors were fitted under, or null
   */
  private TrainingTask task(int rows, int cols, TrainData train, EntryBlock test, JavaSparkContext sc,
      int parallelism, CompletionProblem synthetic, RatingFileReader.RatingDataset ids,
      List<RatingFileReader.UnseenRating> unseen, RatingBiases baseline) {
    boolean hasTest = test.size() > 0;
    EntryBlock testResiduals = baseline == null ? test : baseline.residuals(test);
    return new TrainingTask(rows, cols, train, hasTest ? testObjective(testResiduals, sc, parallelism) : null,
        synthetic == null ? Optional.empty() : synthetic.truth(), "observed",
        (fitted, out) -> {
          ModelStore.saveRatingParts(ids == null ? null : ids.userIds(), ids == null ? null : ids.itemIds(), baseline,
              out, "factors");
          if (hasTest) {
            try (Writer writer = out.newFile("predictions.csv")) {
              Predictions.writeCsv(fitted, test, ids == null ? null : ids.userIds(),
                  ids == null ? null : ids.itemIds(), baseline, writer);
              Predictions.writeUnseen(unseen, writer);
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
        Parallelism.uniform(parallelism), fixedRegParam(), onDriver, inRdd);
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
