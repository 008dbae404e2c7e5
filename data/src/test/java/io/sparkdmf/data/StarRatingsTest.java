package io.sparkdmf.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sparkdmf.core.LocalSpark;
import io.sparkdmf.core.completion.EntryBlock;
import io.sparkdmf.core.engine.EngineChoice;
import io.sparkdmf.core.engine.Parallelism;
import io.sparkdmf.core.metrics.Metrics;
import io.sparkdmf.core.completion.CompletionObjective;
import io.sparkdmf.core.objective.Objective;
import io.sparkdmf.core.ratings.RatingSettings;
import io.sparkdmf.core.ratings.RatingsFit;
import io.sparkdmf.core.ratings.RatingsTuning;
import io.sparkdmf.core.train.TrainingListener;
import io.sparkdmf.ml.DeepMatrixFactorization;
import io.sparkdmf.ml.DeepMatrixFactorizationModel;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.ml.evaluation.RegressionEvaluator;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

/** The star-rating generator has the statistics of public rating sets, and the rating defaults learn from it. */
class StarRatingsTest {

  @Test
  void ratingsAreStarsWithALongTailAndMovieLensLikeMoments() {
    StarRatings spec = StarRatings.sized(100_000, 1);
    EntryBlock[] parts = spec.generateLocally();
    EntryBlock all = EntryBlock.concat(List.of(parts));
    assertEquals(100_000, all.size(), 5_000, "about the ratings asked for");
    assertEquals(0.1, parts[1].size() / (double) all.size(), 0.01, "10% held out");
    double sum = 0;
    double squares = 0;
    long[] perItem = new long[spec.items()];
    long[] perUser = new long[spec.users()];
    for (int e = 0; e < all.size(); e++) {
      double r = all.value(e);
      assertTrue(r >= 1 && r <= 5 && r == Math.rint(r), "whole stars from 1 to 5, got " + r);
      sum += r;
      squares += r * r;
      perItem[all.col(e)]++;
      perUser[all.row(e)]++;
    }
    double mean = sum / all.size();
    double sd = Math.sqrt(squares / all.size() - mean * mean);
    // MovieLens: mean 3.5 (100k: 3.53), standard deviation 1.0 - 1.1
    assertEquals(3.5, mean, 0.15);
    assertTrue(sd > 0.9 && sd < 1.25, "standard deviation " + sd);
    Arrays.sort(perItem);
    double itemMean = all.size() / (double) spec.items();
    assertTrue(perItem[spec.items() / 2] < itemMean / 1.5, "the median item has far fewer ratings than the mean");
    assertTrue(perItem[spec.items() / 10] <= 5, "a tenth of the items have a handful of ratings at most, got "
        + perItem[spec.items() / 10] + " at the tenth percentile (median " + perItem[spec.items() / 2] + ")");
    assertTrue(Arrays.stream(perUser).min().getAsLong() >= StarRatings.MIN_PER_USER);

    for (int e = 0; e < 1000; e++) {
      double r = new StarRatings(50, 100, 1000, true, 0, 2).toStars(0.1 + 5.0 * e / 1000);
      assertTrue(r >= 0.5 && r <= 5 && r * 2 == Math.rint(r * 2), "half stars from 0.5 to 5, got " + r);
    }
  }

  @Test
  void theRatingDefaultsBeatTheBiasesAloneAndDepthThreeIsNoWorseThanTwo() {
    StarRatings spec = new StarRatings(400, 600, 40_000, false, 0.1, 5);
    StarRatings.Split split = spec.generate(LocalSpark.context(), 2);
    EntryBlock test = EntryBlock.concat(split.test().collect());
    double[] rmse = new double[4];
    double biasesAlone = 0;
    for (int depth = 2; depth <= 3; depth++) {
      RatingsFit.Fitted fitted = RatingsFit.fit(split.train(), spec.users(), spec.items(),
          RatingSettings.DEFAULTS.withDepth(depth), EngineChoice.LOCAL, Parallelism.uniform(2), TrainingListener.NONE);
      assertEquals(depth, fitted.factors().depth());
      try (Objective residuals = CompletionObjective.local(List.of(fitted.biases().residuals(test)), 1)) {
        rmse[depth] = Metrics.rmse(fitted.factors(), residuals);
        biasesAlone = Math.sqrt(meanSquare(fitted.biases().residuals(test)));
      }
      double bestShallow = fitted.stages().stream().filter(s -> s.depth() == 2)
          .mapToDouble(s -> s.training().validationRmse()).min().orElseThrow();
      assertTrue(fitted.validationRmse() <= bestShallow * (1 + 1e-12), "depth " + depth + " keeps depth 2's best ("
          + bestShallow + ") or improves it: " + fitted.validationRmse());
    }
    assertTrue(rmse[2] < 0.99 * biasesAlone, "factors on top of the biases: " + rmse[2] + " vs " + biasesAlone);
    assertTrue(rmse[3] <= rmse[2] * 1.005, "depth 3 " + rmse[3] + " vs depth 2 " + rmse[2]);
  }

  @Test
  void theEstimatorWithItsDefaultsFitsAsWellAsTheRatingsJob() {
    StarRatings spec = new StarRatings(400, 600, 40_000, false, 0.1, 5);
    StarRatings.Split split = spec.generate(LocalSpark.context(), 2);
    SparkSession session = SparkSession.builder().sparkContext(LocalSpark.context().sc()).getOrCreate();
    Dataset<Row> train = frame(session, split.train());
    Dataset<Row> test = frame(session, split.test());
    DeepMatrixFactorizationModel model = new DeepMatrixFactorization().fit(train);
    double estimator = new RegressionEvaluator().setLabelCol("rating").setPredictionCol("prediction")
        .setMetricName("rmse").evaluate(model.setColdStartStrategy("drop").transform(test));

    RatingsFit.Fitted job = RatingsFit.fit(split.train(), spec.users(), spec.items(), RatingSettings.DEFAULTS,
        EngineChoice.LOCAL, Parallelism.uniform(2), TrainingListener.NONE);
    EntryBlock seen = EntryBlock.concat(split.test().collect());
    try (Objective residuals = CompletionObjective.local(List.of(job.biases().residuals(seen)), 1)) {
      double direct = Metrics.rmse(job.factors(), residuals);
      // the estimator indexes the ids itself, so its held-out share differs: the same quality, not the same bits
      assertEquals(direct, estimator, 0.01 * direct, "estimator " + estimator + " vs the ratings fit " + direct);
    }
  }

  private static Dataset<Row> frame(SparkSession session, JavaRDD<EntryBlock> blocks) {
    List<Row> rows = new java.util.ArrayList<>();
    for (EntryBlock block : blocks.collect()) {
      for (int e = 0; e < block.size(); e++) {
        rows.add(RowFactory.create(block.row(e), block.col(e), (float) block.value(e)));
      }
    }
    StructType schema = new StructType().add("user", DataTypes.IntegerType).add("item", DataTypes.IntegerType)
        .add("rating", DataTypes.FloatType);
    return session.createDataFrame(rows, schema);
  }

  @Test
  void tuningPicksTheWidthThatCanHoldTheTaste() {
    // the taste has rank 20: a width of 1 cannot hold it, so 16 must win on the held-out ratings
    StarRatings spec = new StarRatings(300, 400, 24_000, false, 0.1, 8);
    StarRatings.Split split = spec.generate(LocalSpark.context(), 2);
    RatingsTuning.Tuned tuned = RatingsTuning.tune(split.train(), spec.users(), spec.items(),
        RatingSettings.DEFAULTS.withRefit(false), new int[] {1, 16}, EngineChoice.LOCAL, Parallelism.uniform(2));
    assertEquals(List.of(1, 16), tuned.candidates().stream().map(RatingsTuning.Candidate::width).toList());
    assertTrue(tuned.candidates().get(1).validationRmse() < tuned.candidates().get(0).validationRmse());
    assertEquals(16, tuned.best().factors().factor(1).rows());
    assertEquals(tuned.candidates().get(1).validationRmse(), tuned.best().validationRmse(), 0.0);
  }

  private static double meanSquare(EntryBlock block) {
    double sum = 0;
    for (int e = 0; e < block.size(); e++) {
      sum += block.value(e) * block.value(e);
    }
    return sum / block.size();
  }
}
