package io.sparkdmf.ml;

import io.sparkdmf.core.linalg.Matrix;
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
  private static final StructType FACTOR_SCHEMA = new StructType()
      .add("id", DataTypes.LongType, false)
      .add("features", DataTypes.createArrayType(DataTypes.DoubleType, false), false);

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

  /** A factor DataFrame from the columns of {@code vectors}, column k belonging to id {@code ids.ids()[k]}. */
  static Dataset<Row> factorFrame(SparkSession session, IdIndex ids, Matrix vectors) {
    int width = vectors.rows();
    List<Row> rows = new ArrayList<>(ids.size());
    for (int k = 0; k < ids.size(); k++) {
      Double[] features = new Double[width];
      for (int c = 0; c < width; c++) {
        features[c] = vectors.get(c, k);
      }
      rows.add(RowFactory.create(ids.ids()[k], features));
    }
    return session.createDataFrame(rows, FACTOR_SCHEMA);
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
    RecommenderColumns.requireIntegral(schema, getUserCol());
    RecommenderColumns.requireIntegral(schema, getItemCol());
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
        .join(users, dataset.col(getUserCol()).cast("long").equalTo(users.col("__dmf_user")), join)
        .join(items, dataset.col(getItemCol()).cast("long").equalTo(items.col("__dmf_item")), join);
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

  /** The factor rows whose id appears in {@code dataset}'s column {@code column}. */
  private static Dataset<Row> subset(Dataset<Row> factors, Dataset<?> dataset, String column) {
    Dataset<Row> wanted = dataset.select(dataset.col(column).cast("long").as("__dmf_id")).distinct();
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
          sparkSession().read().schema(FACTOR_SCHEMA).parquet(path + "/userFactors"),
          sparkSession().read().schema(FACTOR_SCHEMA).parquet(path + "/itemFactors"));
      metadata.getAndSetParams(model, Option.empty());
      return model;
    }
  }
}
