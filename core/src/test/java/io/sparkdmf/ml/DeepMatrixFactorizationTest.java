package io.sparkdmf.ml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sparkdmf.core.LocalSpark;
import io.sparkdmf.core.TestProblems;
import io.sparkdmf.core.completion.EntryBlock;
import io.sparkdmf.core.linalg.Matrix;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.ml.evaluation.RegressionEvaluator;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeAll;
import io.sparkdmf.core.checkpoint.CheckpointStore;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.ml.param.ParamMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Spark ML estimator and model: fit, transform, cold start, top-k, persistence and pipelines. */
class DeepMatrixFactorizationTest {
  private static final StructType SCHEMA = new StructType()
      .add("user", DataTypes.IntegerType, false)
      .add("item", DataTypes.LongType, false)
      .add("rating", DataTypes.FloatType, false);

  private static SparkSession spark;
  private static Dataset<Row> train;
  private static Dataset<Row> test;

  @BeforeAll
  static void data() {
    spark = SparkSession.builder().sparkContext(LocalSpark.context().sc()).getOrCreate();
    Matrix truth = TestProblems.lowRank(40, 30, 2, 11);
    EntryBlock sample = TestProblems.sample(truth, 0.6, 12);
    train = frame(sample, false);
    test = frame(sample, true); // every tenth entry: the sample is ordered by position
  }

  /** Entries as ratings with ids that are not indices: user 1000 + 7 i, item 50 + 3 j. */
  private static Dataset<Row> frame(EntryBlock entries, boolean heldOut) {
    List<Row> rows = new ArrayList<>();
    for (int e = 0; e < entries.size(); e++) {
      if ((e % 10 == 9) != heldOut) {
        continue;
      }
      rows.add(RowFactory.create(1000 + 7 * entries.row(e), 50L + 3 * entries.col(e), (float) entries.value(e)));
    }
    return spark.createDataFrame(rows, SCHEMA);
  }

  private static DeepMatrixFactorization estimator() {
    return new DeepMatrixFactorization().setDepth(3).setWidth(8).setInitScale(0.1).setOptimizer("adam")
        .setLearningRate(0.01).setMaxIter(1500).setSeed(3).setValidationFraction(0.0);
  }

  private static double rmse(Dataset<Row> predictions) {
    return new RegressionEvaluator().setLabelCol("rating").setPredictionCol("prediction").setMetricName("rmse")
        .evaluate(predictions);
  }

  @Test
  void fitsAndPredictsHeldOutRatings() {
    // the implicit-regularization setting: small init, group RMSprop, trained to a small train MSE
    DeepMatrixFactorizationModel model = estimator().setWidth(20).setInitScale(1e-3).setOptimizer("grouprmsprop")
        .setLearningRate(3e-3).setMaxIter(30_000).setTol(1e-6).fit(train);
    assertTrue(rmse(model.transform(train)) < 0.01, "train rmse " + rmse(model.transform(train)));
    double heldOut = rmse(model.setColdStartStrategy("drop").transform(test));
    assertTrue(heldOut < 0.2, "test rmse " + heldOut);
    assertEquals(40, model.userFactors().count());
  }

  @Test
  void coldStartGivesNanOrDropsTheRow() {
    DeepMatrixFactorizationModel model = estimator().setMaxIter(5).fit(train);
    Dataset<Row> unseen = spark.createDataFrame(List.of(RowFactory.create(1, 50L, 1f), RowFactory.create(1000, 50L, 1f)),
        SCHEMA);
    List<Row> withNan = model.setColdStartStrategy("nan").transform(unseen).orderBy("user").collectAsList();
    assertTrue(Double.isNaN(withNan.get(0).getDouble(3)));
    assertTrue(Double.isFinite(withNan.get(1).getDouble(3)));
    assertEquals(1, model.setColdStartStrategy("drop").transform(unseen).count());
  }

  @Test
  void recommendsTheHighestPredictedItems() {
    DeepMatrixFactorizationModel model = estimator().setMaxIter(50).fit(train);
    Row first = model.recommendForAllUsers(3).orderBy("user").first();
    long user = first.getLong(0);
    List<Row> recommended = first.getList(1);
    assertEquals(3, recommended.size());
    List<Row> all = model.transform(spark.createDataFrame(
        model.itemFactors().select("id").collectAsList().stream()
            .map(r -> RowFactory.create((int) user, r.getLong(0), 0f)).toList(), SCHEMA))
        .orderBy(org.apache.spark.sql.functions.desc("prediction")).limit(3).collectAsList();
    for (int r = 0; r < 3; r++) {
      assertEquals(all.get(r).getLong(1), recommended.get(r).getLong(0));
      assertEquals(all.get(r).getDouble(3), recommended.get(r).getDouble(1), 1e-12);
    }
  }

  @Test
  void savedModelsAndPipelinesReloadWithTheSamePredictions(@TempDir Path dir) throws Exception {
    DeepMatrixFactorizationModel model = estimator().setMaxIter(30).fit(train);
    model.save(dir.resolve("model").toString());
    DeepMatrixFactorizationModel loaded = DeepMatrixFactorizationModel.load(dir.resolve("model").toString());
    assertEquals(model.uid(), loaded.uid());
    assertEquals(rmse(model.transform(test)), rmse(loaded.transform(test)), 0.0);

    DeepMatrixFactorization estimator = estimator().setMaxIter(30).setWidth(5);
    estimator.save(dir.resolve("estimator").toString());
    DeepMatrixFactorization reloaded = DeepMatrixFactorization.load(dir.resolve("estimator").toString());
    assertEquals(5, (Integer) reloaded.getOrDefault(reloaded.width()));

    PipelineModel pipeline = new Pipeline().setStages(new PipelineStage[] {estimator}).fit(train);
    pipeline.save(dir.resolve("pipeline").toString());
    PipelineModel reloadedPipeline = PipelineModel.load(dir.resolve("pipeline").toString());
    assertEquals(rmse(pipeline.transform(test)), rmse(reloadedPipeline.transform(test)), 0.0);
  }

  @Test
  void biasesCarryTheMeanAndTheUserAndItemOffsets() {
    // an additive matrix mu + a_i + d_j, every entry observed: the biases alone reproduce it exactly
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      for (int j = 0; j < 5; j++) {
        rows.add(RowFactory.create(i, (long) j, (float) (3.5 + 0.25 * i - 0.5 * j)));
      }
    }
    Dataset<Row> additive = spark.createDataFrame(rows, SCHEMA);
    DeepMatrixFactorization untrained = estimator().setMaxIter(0).setInitScale(1e-9).setBiasRegParam(0);
    DeepMatrixFactorizationModel withBiases = untrained.fit(additive);
    assertEquals(0, rmse(withBiases.transform(additive)), 1e-6);
    assertEquals(8 + 2, withBiases.userFactors().first().getList(1).size(), "width + the two bias features");
    DeepMatrixFactorizationModel without = untrained.copy(new org.apache.spark.ml.param.ParamMap())
        .setBiases(false).fit(additive);
    assertTrue(rmse(without.transform(additive)) > 3, "without biases an untrained model predicts about 0");
  }

  @Test
  void thePenaltyShrinksTheFactorsTowardsTheBiases() {
    double free = factorSquares(estimator().setMaxIter(300).fit(train));
    double penalized = factorSquares(estimator().setMaxIter(300).setRegParam(1.0).fit(train));
    assertTrue(penalized < 0.5 * free, "sum of squared user and item features: " + penalized + " vs " + free);
  }

  /** Sum of squares of every user's and item's features, the two bias features left out. */
  private static double factorSquares(DeepMatrixFactorizationModel model) {
    double sum = 0;
    for (Dataset<Row> frame : List.of(model.userFactors(), model.itemFactors())) {
      for (Row row : frame.collectAsList()) {
        List<Double> features = row.getList(1);
        for (double x : features.subList(0, features.size() - 2)) {
          sum += x * x;
        }
      }
    }
    return sum;
  }

  @Test
  void checkpointsLeaveTheFitUnchangedAndNothingBehind(@TempDir Path dir) {
    String checkpoints = dir.resolve("checkpoints").toString();
    DeepMatrixFactorizationModel plain = estimator().setMaxIter(60).fit(train);
    DeepMatrixFactorizationModel checkpointed = estimator().setMaxIter(60).setCheckpointDir(checkpoints)
        .setCheckpointInterval(20).fit(train);
    List<Row> a = plain.transform(test).orderBy("user", "item").collectAsList();
    List<Row> b = checkpointed.transform(test).orderBy("user", "item").collectAsList();
    for (int r = 0; r < a.size(); r++) {
      assertEquals(a.get(r).getDouble(3), b.get(r).getDouble(3), 0.0, "row " + r);
    }
    assertTrue(new CheckpointStore(checkpoints, new Configuration()).latestStep().isEmpty(),
        "a finished fit removes its checkpoints");
    assertThrows(IllegalArgumentException.class,
        () -> estimator().setValidationFraction(0.1).setCheckpointDir(checkpoints).fit(train));
  }

  /** The blocked engine on a grid of 2 user x 3 item blocks fits what the local engine fits. */
  @Test
  void userAndItemBlocksOfTheBlockedEngineGiveTheLocalFit() {
    DeepMatrixFactorization base = estimator().setMaxIter(50).setBiases(false);
    List<Row> local = base.copy(ParamMap.empty()).setEngine("local").fit(train).transform(test)
        .orderBy("user", "item").collectAsList();
    DeepMatrixFactorization blocked = base.copy(ParamMap.empty()).setEngine("blocked").setNumBlocks(2)
        .setNumUserBlocks(2).setNumItemBlocks(3);
    List<Row> inBlocks = blocked.fit(train).transform(test).orderBy("user", "item").collectAsList();
    for (int r = 0; r < local.size(); r++) {
      double expected = local.get(r).getDouble(3);
      assertEquals(expected, inBlocks.get(r).getDouble(3), 1e-9 * Math.max(1, Math.abs(expected)), "row " + r);
    }
  }

  @Test
  void theInitializationIsAParam() {
    assertEquals("gaussian", estimator().getInitialization());
    DeepMatrixFactorizationModel identity = estimator().setMaxIter(0).setBiases(false).setInitialization("identity")
        .setInitScale(0.5).fit(train);
    // W = s I (rectangular) at step 0: every prediction is s (row index = column index) or 0
    for (Row row : identity.transform(test).collectAsList()) {
      double prediction = row.getDouble(3);
      assertTrue(Math.abs(prediction) < 1e-6 || Math.abs(prediction - 0.5) < 1e-6, "prediction " + prediction);
    }
    assertThrows(IllegalArgumentException.class, () -> estimator().setInitialization("zeros"));
  }

  @Test
  void badColumnsAndParamsAreRefused() {
    assertThrows(IllegalArgumentException.class, () -> estimator().setRegParam(-0.1));
    assertThrows(IllegalArgumentException.class, () -> estimator().setBiasRegParam(-1));
    assertThrows(IllegalArgumentException.class, () -> estimator().setUserCol("nobody").fit(train));
    assertThrows(IllegalArgumentException.class, () -> estimator().setDepth(1));
    assertThrows(IllegalArgumentException.class, () -> estimator().setColdStartStrategy("zero"));
  }
}
