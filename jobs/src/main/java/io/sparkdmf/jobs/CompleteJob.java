package io.sparkdmf.jobs;

import io.sparkdmf.core.bias.RatingBiases;
import io.sparkdmf.core.penalty.FactorPenalty;
import io.sparkdmf.core.engine.EngineChoice;
import io.sparkdmf.core.engine.Parallelism;
import io.sparkdmf.core.completion.CompletionObjective;
import io.sparkdmf.core.completion.EntryBlock;
import io.sparkdmf.core.completion.EntryDataset;
import io.sparkdmf.core.fit.CompletionSetup;
import io.sparkdmf.core.fit.CompletionTrainData;
import io.sparkdmf.core.linalg.Matrix;
import io.sparkdmf.core.objective.Objective;
import io.sparkdmf.core.ratings.RatingSettings;
import io.sparkdmf.data.CompletionProblem;
import io.sparkdmf.data.EntryFileReader;
import io.sparkdmf.data.EntryFormat;
import io.sparkdmf.data.ModelStore;
import io.sparkdmf.data.Predictions;
import io.sparkdmf.data.RatingFileReader;
import io.sparkdmf.data.SyntheticCompletion;
import java.io.Writer;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
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

  /** The generated entries in blocks of the engine's size, over {@code parallelism} partitions. */
  private TrainingTask generate(JavaSparkContext sc, int parallelism) {
    CompletionProblem problem = SyntheticCompletion.parse(data.synthetic).generate();
    EntryBlock train = problem.train();
    EntryDataset entries = new EntryDataset(
        sc.parallelize(train.split(EngineChoice.blockSize(train.size(), parallelism)), parallelism),
        problem.rows(), problem.cols(), train.size());
    return task(entries, problem.hasTest() ? problem.test() : null, sc, parallelism, problem.truth(),
        PredictionNames.INDICES);
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
    RatingFileReader.HeldOutRatings test = data.testInput == null ? null
        : reader.readHeldOut(data.testInput, dataset, RatingFileReader.ColdStart.parse(coldStart));
    return task(dataset.entries(), test == null ? null : test.known(), sc, parallelism, Optional.empty(),
        new PredictionNames(dataset.userIds(), dataset.itemIds(), test == null ? List.of() : test.unseen()));
  }

  private TrainingTask readEntries(JavaSparkContext sc, int parallelism) {
    EntryFormat format = new EntryFormat(data.header, oneBased,
        data.rows != null ? data.rows : EntryFormat.UNKNOWN, data.cols != null ? data.cols : EntryFormat.UNKNOWN);
    EntryDataset entries = new EntryFileReader(sc, format).read(data.input);
    EntryBlock test = data.testInput == null ? null
        : EntryBlock.concat(new EntryFileReader(sc,
            new EntryFormat(data.header, oneBased, entries.rows(), entries.cols())).read(data.testInput).blocks().collect());
    return task(entries, test, sc, parallelism, Optional.empty(), PredictionNames.INDICES);
  }

  /**
   * How predictions.csv names rows and columns: by the users' and items' ids of rating files (null: by
   * index), with the held-out ratings of unseen users or items added as NaN predictions.
   */
  private record PredictionNames(List<String> userIds, List<String> itemIds,
      List<RatingFileReader.UnseenRating> unseen) {
    static final PredictionNames INDICES = new PredictionNames(null, null, List.of());
  }

  /**
   * @param test held-out entries, or null
   * @param truth the generated matrix, when known
   */
  private TrainingTask task(EntryDataset entries, EntryBlock test, JavaSparkContext sc, int parallelism,
      Optional<Matrix> truth, PredictionNames names) {
    CompletionTrainData train = CompletionTrainData.prepare(entries, new CompletionSetup(
        model.shapes(entries.rows(), entries.cols()).hiddenWidth(), training.engine, Parallelism.uniform(parallelism),
        fixedRegParam(), biases ? biasReg : Double.NaN));
    RatingBiases baseline = train.biases();
    return new TrainingTask(entries.rows(), entries.cols(), train,
        test == null ? null : testObjective(train.factorTargets(test), sc, parallelism), truth, "observed",
        (fitted, out) -> {
          ModelStore.saveRatingParts(names.userIds(), names.itemIds(), baseline, out, "factors");
          if (test != null) {
            try (Writer writer = out.newFile("predictions.csv")) {
              Predictions.writeCsv(fitted, test, names.userIds(), names.itemIds(), baseline, writer);
              Predictions.writeUnseen(names.unseen(), writer);
            }
          }
        });
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
