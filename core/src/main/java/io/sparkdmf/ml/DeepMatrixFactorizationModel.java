package io.sparkdmf.ml;

import io.sparkdmf.core.ratings.IdIndex;
import io.sparkdmf.core.bias.RatingBiases;
import io.sparkdmf.core.linalg.Matrix;
import io.sparkdmf.core.model.DeepFactorization;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.ml.Model;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.util.DefaultParamsReader;
import org.apache.spark.ml.util.DefaultParamsWriter$;
import org.apache.spark.ml.util.DefaultParamsReader$;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.ml.util.MLWritable;
import org.apache.spark.ml.util.MLWriter;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import scala.Option;

/**
 * A fitted {@link DeepMatrixFactorization}: user vectors (rows of W_N ... W_2) and item vectors
 * (columns of W_1) as DataFrames of (id, features), as in MLlib's ALSModel; a rating is their dot
 * product. With biases fitted, the last two features carry them: a user's (mu + b_i, 1) and an
 * item's (1, c_j), so the dot product still is the whole prediction. Saved and loaded with ML persistence (metadata JSON and Parquet), so it can be reloaded
 * in another session and used inside a saved PipelineModel.
 */
public final class DeepMatrixFactorizationModel extends Model<DeepMatrixFactorizationModel>
    implements RecommenderParams, MLWritable {
  private static final long serialVersionUID = 1L;

  private final String uid;
  private final Dataset<Row> userFactors;
  private final Dataset<Row> itemFactors;
  private final Param<String> userCol;
  private final Param<String> itemCol;
  private final Param<String> predictionCol;
  private final Param<String> coldStartStrategy;

  DeepMatrixFactorizationModel(String uid, Dataset<Row> userFactors, Dataset<Row> itemFactors) {
    this.uid = uid;
    this.userFactors = userFactors;
    this.itemFactors = itemFactors;
    userCol = RecommenderColumns.userCol(uid);
    itemCol = RecommenderColumns.itemCol(uid);
    predictionCol = RecommenderColumns.predictionCol(uid);
    coldStartStrategy = RecommenderColumns.coldStartStrategy(uid);
    setDefault(userCol, "user");
    setDefault(itemCol, "item");
    setDefault(predictionCol, "prediction");
    setDefault(coldStartStrategy, RecommenderColumns.NAN);
  }

  /**
   * The model of a fitted factorization: user i (id {@code userIds[i]}) gets row i of W_N ... W_2,
   * item j column j of W_1; with biases, the user vector ends with (mu + b_i, 1) and the item vector with
   * (1, c_j), so that their dot product is the whole prediction. What the estimator builds, and what a
   * model written by {@code dmf complete} loads as.
   */
  public static DeepMatrixFactorizationModel fromFactors(String uid, SparkSession session, DeepFactorization factors,
      RatingBiases biases, long[] userIds, long[] itemIds) {
    return fromFactors(uid, session, factors, biases, IdIndex.inOrder(userIds), IdIndex.inOrder(itemIds));
  }

  /** As above, for string ids. */
  public static DeepMatrixFactorizationModel fromFactors(String uid, SparkSession session, DeepFactorization factors,
      RatingBiases biases, String[] userIds, String[] itemIds) {
    return fromFactors(uid, session, factors, biases, IdIndex.inOrder(userIds), IdIndex.inOrder(itemIds));
  }

  static DeepMatrixFactorizationModel fromFactors(String uid, SparkSession session, DeepFactorization factors,
      RatingBiases biases, IdIndex userIds, IdIndex itemIds) {
    Matrix userVectors = userVectors(factors);
    Matrix itemVectors = factors.factor(1);
    if (userVectors.cols() != userIds.size() || itemVectors.cols() != itemIds.size()) {
      throw new IllegalArgumentException("the factors have " + userVectors.cols() + " users and " + itemVectors.cols()
          + " items, the ids " + userIds.size() + " and " + itemIds.size());
    }
    if (biases != null) { // (u_i, mu + b_i, 1) . (v_j, 1, c_j) = u_i . v_j + mu + b_i + c_j
      double[] userOffsets = biases.rowBias().clone();
      for (int i = 0; i < userOffsets.length; i++) {
        userOffsets[i] += biases.mean();
      }
      userVectors = appendRows(userVectors, userOffsets, ones(userIds.size()));
      itemVectors = appendRows(itemVectors, ones(itemIds.size()), biases.colBias());
    }
    return new DeepMatrixFactorizationModel(uid, factorFrame(session, userIds, userVectors),
        factorFrame(session, itemIds, itemVectors));
  }

  /** Row i of W_N W_{N-1} ... W_2: user i's vector, so that a rating is its dot product with column j of W_1. */
  private static Matrix userVectors(DeepFactorization model) {
    Matrix left = model.factor(model.depth());
    for (int k = model.depth() - 1; k >= 2; k--) {
      left = left.times(model.factor(k));
    }
    return left.transpose();
  }

  /** {@code vectors} (one column per id) with two more rows. */
  private static Matrix appendRows(Matrix vectors, double[] first, double[] second) {
    int width = vectors.rows();
    Matrix out = Matrix.zeros(width + 2, vectors.cols());
    for (int c = 0; c < vectors.cols(); c++) {
      System.arraycopy(vectors.data(), c * width, out.data(), c * (width + 2), width);
      out.set(width, c, first[c]);
      out.set(width + 1, c, second[c]);
    }
    return out;
  }

  private static double[] ones(int n) {
    double[] out = new double[n];
    java.util.Arrays.fill(out, 1.0);
    return out;
  }

  /** A factor DataFrame from the columns of {@code vectors}, column k belonging to id {@code ids.ids()[k]}. */
  private static Dataset<Row> factorFrame(SparkSession session, IdIndex ids, Matrix vectors) {
    int width = vectors.rows();
    List<Row> rows = new ArrayList<>(ids.size());
    for (int k = 0; k < ids.size(); k++) {
      Double[] features = new Double[width];
      for (int c = 0; c < width; c++) {
        features[c] = vectors.get(c, k);
      }
      rows.add(RowFactory.create(ids.ids()[k], features));
    }
    StructType schema = new StructType()
        .add("id", ids.type(), false)
        .add("features", DataTypes.createArrayType(DataTypes.DoubleType, false), false);
    return session.createDataFrame(rows, schema);
  }

  @Override
  public String uid() {
    return uid;
  }

  @Override
  public Param<String> userCol() { return userCol; }
  @Override
  public Param<String> itemCol() { return itemCol; }
  @Override
  public Param<String> predictionCol() { return predictionCol; }
  @Override
  public Param<String> coldStartStrategy() { return coldStartStrategy; }

  public DeepMatrixFactorizationModel setUserCol(String value) { set(userCol, value); return this; }
  public DeepMatrixFactorizationModel setItemCol(String value) { set(itemCol, value); return this; }
  public DeepMatrixFactorizationModel setPredictionCol(String value) { set(predictionCol, value); return this; }
  public DeepMatrixFactorizationModel setColdStartStrategy(String value) { set(coldStartStrategy, value); return this; }

  /** (id, features) of every user seen in training. */
  public Dataset<Row> userFactors() {
    return userFactors;
  }

  /** (id, features) of every item seen in training. */
  public Dataset<Row> itemFactors() {
    return itemFactors;
  }

  @Override
  public StructType transformSchema(StructType schema) {
    RecommenderColumns.idType(schema, getUserCol());
    RecommenderColumns.idType(schema, getItemCol());
    return RecommenderColumns.withPrediction(schema, getPredictionCol());
  }

  /** Adds the predicted rating; unseen users or items get NaN, or their rows are dropped ("drop"). */
  @Override
  public Dataset<Row> transform(Dataset<?> dataset) {
    transformSchema(dataset.schema());
    boolean drop = RecommenderColumns.DROP.equals(getColdStartStrategy());
    String join = drop ? "inner" : "left";
    Dataset<Row> users = userFactors.withColumnRenamed("id", "__dmf_user").withColumnRenamed("features", "__dmf_u");
    Dataset<Row> items = itemFactors.withColumnRenamed("id", "__dmf_item").withColumnRenamed("features", "__dmf_v");
    Dataset<Row> joined = dataset.toDF()
        .join(users, dataset.col(getUserCol()).cast(idType(userFactors)).equalTo(users.col("__dmf_user")), join)
        .join(items, dataset.col(getItemCol()).cast(idType(itemFactors)).equalTo(items.col("__dmf_item")), join);
    Column dot = functions.expr("aggregate(zip_with(__dmf_u, __dmf_v, (x, y) -> x * y), 0D, (a, x) -> a + x)");
    return joined.withColumn(getPredictionCol(), functions.coalesce(dot, functions.lit(Double.NaN)))
        .drop("__dmf_user", "__dmf_u", "__dmf_item", "__dmf_v");
  }

  /**
   * The {@code k} items with the highest predicted ratings for every user, as (user, recommendations)
   * with recommendations an array of (item, rating) structs, best first. Computed block against block
   * ({@link BlockwiseTopK}): neither factor table is collected on the driver.
   */
  public Dataset<Row> recommendForAllUsers(int k) {
    return BlockwiseTopK.recommend(userFactors, itemFactors, k, getUserCol(), getItemCol());
  }

  /** The {@code k} users with the highest predicted ratings for every item: (item, recommendations of (user, rating)). */
  public Dataset<Row> recommendForAllItems(int k) {
    return BlockwiseTopK.recommend(itemFactors, userFactors, k, getItemCol(), getUserCol());
  }

  /** As {@link #recommendForAllUsers} for the users in {@code dataset}'s user column (unseen users are left out). */
  public Dataset<Row> recommendForUserSubset(Dataset<?> dataset, int k) {
    return BlockwiseTopK.recommend(subset(userFactors, dataset, getUserCol()), itemFactors, k,
        getUserCol(), getItemCol());
  }

  /** As {@link #recommendForAllItems} for the items in {@code dataset}'s item column (unseen items are left out). */
  public Dataset<Row> recommendForItemSubset(Dataset<?> dataset, int k) {
    return BlockwiseTopK.recommend(subset(itemFactors, dataset, getItemCol()), userFactors, k,
        getItemCol(), getUserCol());
  }

  /** The type the model holds user ids as: long or string, as they were when fitted. */
  public DataType userIdType() {
    return idType(userFactors);
  }

  /** The type the model holds item ids as: long or string, as they were when fitted. */
  public DataType itemIdType() {
    return idType(itemFactors);
  }

  /** The type the model holds a factor table's ids as: long or string, as they were when fitted. */
  private static DataType idType(Dataset<Row> factors) {
    return factors.schema().apply("id").dataType();
  }

  /** The factor rows whose id appears in {@code dataset}'s column {@code column}. */
  private static Dataset<Row> subset(Dataset<Row> factors, Dataset<?> dataset, String column) {
    Dataset<Row> wanted = dataset.select(dataset.col(column).cast(idType(factors)).as("__dmf_id")).distinct();
    return factors.join(wanted, factors.col("id").equalTo(wanted.col("__dmf_id")), "left_semi");
  }

  @Override
  public DeepMatrixFactorizationModel copy(ParamMap extra) {
    return copyValues(new DeepMatrixFactorizationModel(uid, userFactors, itemFactors), extra).setParent(parent());
  }

  @Override
  public MLWriter write() {
    return new Writer(this);
  }

  public static MLReader<DeepMatrixFactorizationModel> read() {
    return new Reader();
  }

  public static DeepMatrixFactorizationModel load(String path) {
    return read().load(path);
  }

  /** Params as ML metadata JSON (what Pipelines read back), factors as Parquet. */
  private static final class Writer extends MLWriter {
    private final DeepMatrixFactorizationModel instance;

    Writer(DeepMatrixFactorizationModel instance) {
      this.instance = instance;
    }

    @Override
    public void saveImpl(String path) {
      DefaultParamsWriter$.MODULE$.saveMetadata(instance, path, sc(), Option.empty(), Option.empty());
      instance.userFactors.write().parquet(path + "/userFactors");
      instance.itemFactors.write().parquet(path + "/itemFactors");
    }
  }

  private static final class Reader extends MLReader<DeepMatrixFactorizationModel> {
    @Override
    public DeepMatrixFactorizationModel load(String path) {
      DefaultParamsReader.Metadata metadata = DefaultParamsReader$.MODULE$.loadMetadata(path, sc(),
          DeepMatrixFactorizationModel.class.getName());
      DeepMatrixFactorizationModel model = new DeepMatrixFactorizationModel(metadata.uid(),
          sparkSession().read().parquet(path + "/userFactors"),
          sparkSession().read().parquet(path + "/itemFactors"));
      metadata.getAndSetParams(model, Option.empty());
      return model;
    }
  }
}
