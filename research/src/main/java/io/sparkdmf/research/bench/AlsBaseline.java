package io.sparkdmf.research.bench;

import io.sparkdmf.core.completion.EntryBlock;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.ml.evaluation.RegressionEvaluator;
import org.apache.spark.ml.recommendation.ALS;
import org.apache.spark.ml.recommendation.ALSModel;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/** MLlib ALS, the baseline of the rating benchmarks: fitted on entry blocks, scored by held-out RMSE. */
final class AlsBaseline {
  private AlsBaseline() {}

  /** Seconds the fit took and the held-out RMSE, held-out ratings of unseen users or items dropped. */
  record Run(double seconds, double rmse) {}

  static Run fit(SparkSession session, JavaRDD<EntryBlock> train, JavaRDD<EntryBlock> test, int rank, double reg,
      int iterations, long seed) {
    Dataset<Row> trainFrame = frame(session, train).cache();
    Dataset<Row> testFrame = frame(session, test).cache();
    trainFrame.count();
    testFrame.count();
    long start = System.nanoTime();
    ALSModel model = new ALS().setRank(rank).setRegParam(reg).setMaxIter(iterations).setSeed(seed)
        .setUserCol("user").setItemCol("item").setRatingCol("rating").setColdStartStrategy("drop")
        .setNumBlocks(session.sparkContext().defaultParallelism()).fit(trainFrame);
    double seconds = (System.nanoTime() - start) / 1e9;
    double rmse = new RegressionEvaluator().setMetricName("rmse").setLabelCol("rating")
        .setPredictionCol("prediction").evaluate(model.transform(testFrame));
    trainFrame.unpersist();
    testFrame.unpersist();
    return new Run(seconds, rmse);
  }

  /** Entries as ALS's (user, item, rating) rows. */
  static Dataset<Row> frame(SparkSession session, JavaRDD<EntryBlock> blocks) {
    StructType schema = new StructType()
        .add("user", DataTypes.IntegerType, false)
        .add("item", DataTypes.IntegerType, false)
        .add("rating", DataTypes.FloatType, false);
    JavaRDD<Row> rows = blocks.flatMap(block -> {
      List<Row> out = new ArrayList<>(block.size());
      for (int e = 0; e < block.size(); e++) {
        out.add(RowFactory.create(block.row(e), block.col(e), (float) block.value(e)));
      }
      return out.iterator();
    });
    return session.createDataFrame(rows, schema);
  }
}
