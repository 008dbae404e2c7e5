package io.sparkdmf.ml;

import io.sparkdmf.core.ratings.IdIndex;
import io.sparkdmf.core.bias.RatingBiases;
import io.sparkdmf.core.checkpoint.CheckpointStore;
import io.sparkdmf.core.completion.EntryBlock;
import io.sparkdmf.core.completion.EntryBlockBuilder;
import io.sparkdmf.core.completion.EntryDataset;
import io.sparkdmf.core.fit.CompletionSetup;
import io.sparkdmf.core.fit.CompletionTrainData;
import io.sparkdmf.core.engine.EngineChoice;
import io.sparkdmf.core.engine.Parallelism;
import io.sparkdmf.core.model.DeepFactorization;
import io.sparkdmf.core.model.FactorShapes;
import io.sparkdmf.core.model.Initialization;
import io.sparkdmf.core.optim.Optimizer;
import io.sparkdmf.core.ratings.RatingSettings;
import io.sparkdmf.core.ratings.RatingsFit;
import io.sparkdmf.core.train.StoppingRule;
import io.sparkdmf.core.train.Trainer;
import io.sparkdmf.core.train.TrainingListener;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.ml.Estimator;
import org.apache.spark.ml.param.BooleanParam;
import org.apache.spark.ml.param.DoubleParam;
import org.apache.spark.ml.param.IntParam;
import org.apache.spark.ml.param.LongParam;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.param.ParamValidators;
import org.apache.spark.ml.util.DefaultParamsReader;
import org.apache.spark.ml.util.DefaultParamsWritable;
import org.apache.spark.ml.util.Identifiable$;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;

/**
 * A Spark ML {@link Estimator} for rating data, like {@code ml.recommendation.ALS}: fits a deep
 * factorization R ~ W_N ... W_1 (users x items) to a DataFrame of (user, item, rating) by gradient
 * training from small initialization on the engine the data size calls for, and returns a
 * {@link DeepMatrixFactorizationModel}. Ids are any integers (mapped to indices internally).
 * By default it fits ratings as {@code dmf complete --ratings} does ({@link RatingsFit}): a global mean
 * and per-user and per-item biases first ({@link RatingBiases}), the factors to what they leave, with
 * ALS's weighted L2 penalty ({@link io.sparkdmf.core.penalty.FactorPenalty}) chosen and training
 * stopped on a {@code validationFraction} of the ratings held out, the best model kept. With
 * {@code validationFraction} 0 it trains on every rating for {@code maxIter} steps or down to {@code tol}
 * instead, with the {@code regParam} given (0 when left to choose) and biases only if {@code biases}.
 */
public final class DeepMatrixFactorization extends Estimator<DeepMatrixFactorizationModel>
    implements RecommenderParams, DefaultParamsWritable {
  private static final long serialVersionUID = 1L;

  private final String uid;
  private final Param<String> userCol;
  private final Param<String> itemCol;
  private final Param<String> ratingCol;
  private final Param<String> predictionCol;
  private final Param<String> coldStartStrategy;
  private final IntParam depth;
  private final IntParam width;
  private final DoubleParam initScale;
  private final Param<String> initialization;
  private final Param<String> optimizer;
  private final DoubleParam learningRate;
  private final IntParam maxIter;
  private final DoubleParam tol;
  private final DoubleParam regParam;
  private final BooleanParam biases;
  private final DoubleParam validationFraction;
  private final IntParam patience;
  private final BooleanParam refit;
  private final DoubleParam biasRegParam;
  private final Param<String> engine;
  private final IntParam numBlocks;
  private final IntParam numUserBlocks;
  private final IntParam numItemBlocks;
  private final Param<String> checkpointDir;
  private final IntParam checkpointInterval;
  private final LongParam seed;

  public DeepMatrixFactorization() {
    this(Identifiable$.MODULE$.randomUID("dmf"));
  }

  public DeepMatrixFactorization(String uid) {
    this.uid = uid;
    userCol = RecommenderColumns.userCol(uid);
    itemCol = RecommenderColumns.itemCol(uid);
    ratingCol = new Param<>(uid, "ratingCol", "column of ratings (numbers)");
    predictionCol = RecommenderColumns.predictionCol(uid);
    coldStartStrategy = RecommenderColumns.coldStartStrategy(uid);
    depth = new IntParam(uid, "depth", "number of factors N (>= 2)", ParamValidators.gtEq(2));
    width = new IntParam(uid, "width", "hidden width d_1 .. d_{N-1} (>= 1)", ParamValidators.gtEq(1));
    initScale = new DoubleParam(uid, "initScale", "scale s of the initialization: the product W starts at about s"
        + " (> 0)", ParamValidators.gt(0));
    initialization = new Param<>(uid, "initialization", "how the factors start: gaussian (i.i.d. normal), identity"
        + " (exactly balanced) or orthogonal", ParamValidators.inArray(initializationNames()));
    optimizer = new Param<>(uid, "optimizer", "gd, momentum, grouprmsprop or adam",
        ParamValidators.inArray(new String[] {"gd", "momentum", "grouprmsprop", "adam"}));
    learningRate = new DoubleParam(uid, "learningRate", "step size (> 0)", ParamValidators.gt(0));
    maxIter = new IntParam(uid, "maxIter", "most full-batch steps (>= 0)", ParamValidators.gtEq(0));
    tol = new DoubleParam(uid, "tol", "stop once the train MSE is at most this (>= 0)", ParamValidators.gtEq(0));
    regParam = new DoubleParam(uid, "regParam", "weight of the L2 penalty on the factors, each user and item"
        + " vector weighted by its ratings as in ALS (>= 0; 0: implicit regularization alone; NaN: chosen on the"
        + " held-out ratings)", new NonNegativeOrNaN());
    validationFraction = new DoubleParam(uid, "validationFraction", "share of the ratings held out to choose the"
        + " penalty and stop training, the best model kept ([0, 1); 0: train on all for maxIter steps)",
        ParamValidators.inRange(0, 1, true, false));
    refit = new BooleanParam(uid, "refit", "with a validation split: once the penalty and step counts are chosen,"
        + " replay them on all the ratings");
    patience = new IntParam(uid, "patience", "held-out measurements (every " + RatingSettings.DEFAULTS.validationEvery()
        + " steps) without improvement before a stage stops (>= 1)", ParamValidators.gtEq(1));
    biases = new BooleanParam(uid, "biases", "fit a global mean and a bias per user and per item first, and"
        + " the factors to what they leave");
    biasRegParam = new DoubleParam(uid, "biasRegParam", "ridge weight of the biases, in pseudo-ratings at"
        + " the mean (>= 0)", ParamValidators.gtEq(0));
    engine = new Param<>(uid, "engine", "auto, local, spark (broadcast factors) or blocked (factors in RDD blocks)",
        ParamValidators.inArray(new String[] {"auto", "local", "spark", "blocked"}));
    numBlocks = new IntParam(uid, "numBlocks", "partitions of the ratings, and at most as many threads for the"
        + " local engine (0: Spark's default parallelism)", ParamValidators.gtEq(0));
    numUserBlocks = new IntParam(uid, "numUserBlocks", "user blocks of the blocked engine, as ALS's (0: numBlocks)",
        ParamValidators.gtEq(0));
    numItemBlocks = new IntParam(uid, "numItemBlocks", "item blocks of the blocked engine, as ALS's (0: numBlocks)",
        ParamValidators.gtEq(0));
    checkpointDir = new Param<>(uid, "checkpointDir", "directory (any Hadoop file system) for checkpoints of the"
        + " factors and optimizer state; a fit killed part-way resumes from the newest one, a finished fit removes"
        + " them (empty: none; fits without a validation split)");
    checkpointInterval = new IntParam(uid, "checkpointInterval", "steps between checkpoints (>= 1)",
        ParamValidators.gtEq(1));
    seed = new LongParam(uid, "seed", "seed of the initialization");
    setDefault(userCol, "user");
    setDefault(itemCol, "item");
    setDefault(ratingCol, "rating");
    setDefault(predictionCol, "prediction");
    setDefault(coldStartStrategy, RecommenderColumns.NAN);
    RatingSettings defaults = RatingSettings.DEFAULTS;
    setDefault(depth, defaults.depth());
    setDefault(width, defaults.width());
    setDefault(initScale, defaults.initScale());
    setDefault(initialization, defaults.initialization().name().toLowerCase(Locale.ROOT));
    setDefault(optimizer, defaults.optimizer().name().toLowerCase(Locale.ROOT));
    setDefault(learningRate, defaults.learningRate());
    setDefault(maxIter, defaults.maxSteps());
    setDefault(tol, 0.0);
    setDefault(regParam, defaults.regParam());
    setDefault(biases, true);
    setDefault(biasRegParam, defaults.biasReg());
    setDefault(validationFraction, defaults.validationFraction());
    setDefault(patience, defaults.patience());
    setDefault(refit, defaults.refit());
    setDefault(engine, "auto");
    setDefault(numBlocks, 0);
    setDefault(numUserBlocks, 0);
    setDefault(numItemBlocks, 0);
    setDefault(checkpointDir, "");
    setDefault(checkpointInterval, 100);
    setDefault(seed, 0L);
  }

  @Override
  public String uid() {
    return uid;
  }

  // Params, found by Spark through these public no-argument accessors.
  @Override
  public Param<String> userCol() { return userCol; }
  @Override
  public Param<String> itemCol() { return itemCol; }
  public Param<String> ratingCol() { return ratingCol; }
  @Override
  public Param<String> predictionCol() { return predictionCol; }
  @Override
  public Param<String> coldStartStrategy() { return coldStartStrategy; }
  public IntParam depth() { return depth; }
  public IntParam width() { return width; }
  public DoubleParam initScale() { return initScale; }
  public Param<String> initialization() { return initialization; }
  public Param<String> optimizer() { return optimizer; }
  public DoubleParam learningRate() { return learningRate; }
  public IntParam maxIter() { return maxIter; }
  public DoubleParam tol() { return tol; }
  public DoubleParam regParam() { return regParam; }
  public BooleanParam biases() { return biases; }
  public DoubleParam validationFraction() { return validationFraction; }
  public IntParam patience() { return patience; }
  public BooleanParam refit() { return refit; }
  public DoubleParam biasRegParam() { return biasRegParam; }
  public Param<String> engine() { return engine; }
  public IntParam numBlocks() { return numBlocks; }
  public IntParam numUserBlocks() { return numUserBlocks; }
  public IntParam numItemBlocks() { return numItemBlocks; }
  public Param<String> checkpointDir() { return checkpointDir; }
  public IntParam checkpointInterval() { return checkpointInterval; }
  public LongParam seed() { return seed; }

  // Typed getters (the value set, or the default).
  public String getRatingCol() { return getOrDefault(ratingCol); }
  public int getDepth() { return (Integer) getOrDefault(depth); }
  public int getWidth() { return (Integer) getOrDefault(width); }
  public double getInitScale() { return (Double) getOrDefault(initScale); }
  public String getInitialization() { return getOrDefault(initialization); }
  public String getOptimizer() { return getOrDefault(optimizer); }
  public double getLearningRate() { return (Double) getOrDefault(learningRate); }
  public int getMaxIter() { return (Integer) getOrDefault(maxIter); }
  public double getTol() { return (Double) getOrDefault(tol); }
  public double getRegParam() { return (Double) getOrDefault(regParam); }
  public boolean getBiases() { return (Boolean) getOrDefault(biases); }
  public double getValidationFraction() { return (Double) getOrDefault(validationFraction); }
  public int getPatience() { return (Integer) getOrDefault(patience); }
  public boolean getRefit() { return (Boolean) getOrDefault(refit); }
  public double getBiasRegParam() { return (Double) getOrDefault(biasRegParam); }
  public String getEngine() { return getOrDefault(engine); }
  public int getNumBlocks() { return (Integer) getOrDefault(numBlocks); }
  public int getNumUserBlocks() { return (Integer) getOrDefault(numUserBlocks); }
  public int getNumItemBlocks() { return (Integer) getOrDefault(numItemBlocks); }
  public String getCheckpointDir() { return getOrDefault(checkpointDir); }
  public int getCheckpointInterval() { return (Integer) getOrDefault(checkpointInterval); }
  public long getSeed() { return (Long) getOrDefault(seed); }

  public DeepMatrixFactorization setUserCol(String value) { set(userCol, value); return this; }
  public DeepMatrixFactorization setItemCol(String value) { set(itemCol, value); return this; }
  public DeepMatrixFactorization setRatingCol(String value) { set(ratingCol, value); return this; }
  public DeepMatrixFactorization setPredictionCol(String value) { set(predictionCol, value); return this; }
  public DeepMatrixFactorization setColdStartStrategy(String value) { set(coldStartStrategy, value); return this; }
  public DeepMatrixFactorization setDepth(int value) { set(depth, value); return this; }
  public DeepMatrixFactorization setWidth(int value) { set(width, value); return this; }
  public DeepMatrixFactorization setInitScale(double value) { set(initScale, value); return this; }
  public DeepMatrixFactorization setInitialization(String value) { set(initialization, value); return this; }
  public DeepMatrixFactorization setOptimizer(String value) { set(optimizer, value); return this; }
  public DeepMatrixFactorization setLearningRate(double value) { set(learningRate, value); return this; }
  public DeepMatrixFactorization setMaxIter(int value) { set(maxIter, value); return this; }
  public DeepMatrixFactorization setTol(double value) { set(tol, value); return this; }
  public DeepMatrixFactorization setRegParam(double value) { set(regParam, value); return this; }
  public DeepMatrixFactorization setBiases(boolean value) { set(biases, value); return this; }
  public DeepMatrixFactorization setValidationFraction(double value) { set(validationFraction, value); return this; }
  public DeepMatrixFactorization setPatience(int value) { set(patience, value); return this; }
  public DeepMatrixFactorization setRefit(boolean value) { set(refit, value); return this; }
  public DeepMatrixFactorization setBiasRegParam(double value) { set(biasRegParam, value); return this; }
  public DeepMatrixFactorization setEngine(String value) { set(engine, value); return this; }
  public DeepMatrixFactorization setNumBlocks(int value) { set(numBlocks, value); return this; }
  public DeepMatrixFactorization setNumUserBlocks(int value) { set(numUserBlocks, value); return this; }
  public DeepMatrixFactorization setNumItemBlocks(int value) { set(numItemBlocks, value); return this; }
  public DeepMatrixFactorization setCheckpointDir(String value) { set(checkpointDir, value); return this; }
  public DeepMatrixFactorization setCheckpointInterval(int value) { set(checkpointInterval, value); return this; }
  public DeepMatrixFactorization setSeed(long value) { set(seed, value); return this; }

  @Override
  public StructType transformSchema(StructType schema) {
    RecommenderColumns.idType(schema, getUserCol());
    RecommenderColumns.idType(schema, getItemCol());
    RecommenderColumns.requireNumeric(schema, getRatingCol());
    return RecommenderColumns.withPrediction(schema, getPredictionCol());
  }

  @Override
  public DeepMatrixFactorizationModel fit(Dataset<?> dataset) {
    transformSchema(dataset.schema());
    JavaSparkContext sc = JavaSparkContext.fromSparkContext(dataset.sparkSession().sparkContext());
    int partitions = getNumBlocks() > 0 ? getNumBlocks() : sc.defaultParallelism();
    Parallelism parallelism = new Parallelism(partitions, getNumUserBlocks() > 0 ? getNumUserBlocks() : partitions,
        getNumItemBlocks() > 0 ? getNumItemBlocks() : partitions);
    DataType userType = RecommenderColumns.idType(dataset.schema(), getUserCol());
    DataType itemType = RecommenderColumns.idType(dataset.schema(), getItemCol());
    Dataset<Row> ratings = dataset.select(
        functions.col(getUserCol()).cast(userType), functions.col(getItemCol()).cast(itemType),
        functions.col(getRatingCol()).cast("double")).persist(StorageLevel.MEMORY_AND_DISK());
    try {
      long invalid = ratings.filter(functions.col(getUserCol()).isNull().or(functions.col(getItemCol()).isNull())
          .or(functions.col(getRatingCol()).isNull()).or(functions.isnan(functions.col(getRatingCol())))).count();
      if (invalid > 0) {
        throw new IllegalArgumentException(invalid + " rows have a null id or a null or NaN rating");
      }
      IdIndex users = IdIndex.of(distinct(ratings, getUserCol()), userType);
      IdIndex items = IdIndex.of(distinct(ratings, getItemCol()), itemType);
      JavaRDD<EntryBlock> ratingEntries = entries(sc, ratings, users, items, partitions);
      EngineChoice engineChoice = EngineChoice.valueOf(getEngine().toUpperCase(Locale.ROOT));
      DeepFactorization fitted;
      RatingBiases baseline;
      try {
        if (getValidationFraction() > 0) {
          if (!getCheckpointDir().isEmpty()) {
            throw new IllegalArgumentException("checkpointDir is for fits without a validation split: a fit with"
                + " one runs a few short early-stopped stages; set validationFraction to 0 to checkpoint");
          }
          if (!getBiases()) {
            throw new IllegalArgumentException("fitting with a validation split always fits biases; set"
                + " validationFraction to 0 to train without them");
          }
          RatingsFit.Fitted result = RatingsFit.fit(ratingEntries, users.size(), items.size(), ratingSettings(),
              engineChoice, parallelism, TrainingListener.NONE);
          fitted = result.factors();
          baseline = result.biases();
        } else {
          CheckpointStore checkpoints = getCheckpointDir().isEmpty() ? null
              : new CheckpointStore(getCheckpointDir(), sc.hadoopConfiguration());
          try (CompletionTrainData data = CompletionTrainData.prepare(
              new EntryDataset(ratingEntries, users.size(), items.size(), count(ratingEntries)),
              completionSetup(engineChoice, parallelism))) {
            fitted = new Trainer(new StoppingRule(getMaxIter(), getTol()), TrainingListener.NONE, checkpoints,
                getCheckpointInterval()).fit(data, initialModel(users.size(), items.size()),
                    Optimizer.Kind.parse(getOptimizer()).create(getLearningRate())).result().model();
            baseline = data.biases();
          }
          if (checkpoints != null) {
            checkpoints.clear(); // finished: the next fit with this directory starts afresh
          }
        }
      } finally {
        ratingEntries.unpersist();
      }
      DeepMatrixFactorizationModel model = DeepMatrixFactorizationModel.fromFactors(uid, dataset.sparkSession(), fitted,
          baseline, users, items);
      copyValues(model, ParamMap.empty());
      return model.setParent(this);
    } finally {
      ratings.unpersist();
    }
  }

  private RatingSettings ratingSettings() {
    return new RatingSettings(getDepth(), getWidth(),
        getInitScale(), Initialization.parse(getInitialization()), Optimizer.Kind.parse(getOptimizer()),
        getLearningRate(), getRegParam(), getBiasRegParam(),
        getValidationFraction(), RatingSettings.DEFAULTS.validationEvery(),
        getPatience(), getMaxIter(), getSeed(),
        getRefit());
  }

  /** How every entry is trained on: regParam 0 when left to choose, the biases when asked. */
  private CompletionSetup completionSetup(EngineChoice engineChoice, Parallelism parallelism) {
    return new CompletionSetup(getWidth(), engineChoice, parallelism,
        Double.isNaN(getRegParam()) ? 0 : getRegParam(), getBiases() ? getBiasRegParam() : Double.NaN);
  }

  private DeepFactorization initialModel(int rows, int cols) {
    return Initialization.parse(getInitialization()).create(new FactorShapes(rows, cols, getDepth(), getWidth()),
        getInitScale(), getSeed());
  }

  private static long count(JavaRDD<EntryBlock> entries) {
    return entries.map(EntryBlock::size).fold(0, Integer::sum);
  }

  private static String[] initializationNames() {
    return Arrays.stream(Initialization.values()).map(i -> i.name().toLowerCase(Locale.ROOT)).toArray(String[]::new);
  }

  /** Accepts a penalty weight (finite, >= 0) or NaN, "choose it". */
  private static final class NonNegativeOrNaN extends scala.runtime.AbstractFunction1<Object, Object>
      implements java.io.Serializable {
    private static final long serialVersionUID = 1L;

    @Override
    public Object apply(Object value) {
      double v = (Double) value;
      return Double.isNaN(v) || (v >= 0 && !Double.isInfinite(v));
    }
  }

  private static Object[] distinct(Dataset<Row> ratings, String column) {
    return ratings.select(column).distinct().collectAsList().stream().map(row -> row.get(0)).toArray();
  }

  private static JavaRDD<EntryBlock> entries(JavaSparkContext sc, Dataset<Row> ratings, IdIndex users,
      IdIndex items, int parallelism) {
    Broadcast<IdIndex> userIndex = sc.broadcast(users);
    Broadcast<IdIndex> itemIndex = sc.broadcast(items);
    return ratings.javaRDD().repartition(parallelism).mapPartitions(rows -> {
      EntryBlockBuilder builder = new EntryBlockBuilder();
      rows.forEachRemaining(row -> builder.add(userIndex.value().indexOf(row.get(0)),
          itemIndex.value().indexOf(row.get(1)), row.getDouble(2)));
      return List.of(builder.build()).iterator();
    }).persist(StorageLevel.MEMORY_AND_DISK());
  }

  @Override
  public DeepMatrixFactorization copy(ParamMap extra) {
    return (DeepMatrixFactorization) defaultCopy(extra);
  }

  public static MLReader<DeepMatrixFactorization> read() {
    return new DefaultParamsReader<>();
  }

  public static DeepMatrixFactorization load(String path) {
    return read().load(path);
  }
}
