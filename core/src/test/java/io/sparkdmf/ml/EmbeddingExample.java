package io.sparkdmf.ml;

import java.io.IOException;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * The README's embedding example, compiled and run by {@link EmbeddingExampleTest}, which also checks
 * that the README shows exactly the lines between the markers.
 */
final class EmbeddingExample {
  private EmbeddingExample() {}

  /** The reloaded model's predictions for {@code test}, after the example's fit, recommend and save. */
  static Dataset<Row> run(SparkSession spark, String ratingsCsv, Dataset<Row> test, String modelPath)
      throws IOException {
    // example start
    Dataset<Row> ratings = spark.read().option("header", "true").option("inferSchema", "true").csv(ratingsCsv);
    DeepMatrixFactorization dmf = new DeepMatrixFactorization()     // the rating defaults
        .setUserCol("user").setItemCol("item").setRatingCol("rating");
    DeepMatrixFactorizationModel model = dmf.fit(ratings);
    Dataset<Row> scored = model.setColdStartStrategy("drop").transform(test);
    Dataset<Row> top10 = model.recommendForAllUsers(10);               // user, [(item, rating)] best first
    Dataset<Row> fans = model.recommendForAllItems(10);                // item, [(user, rating)] best first
    model.write().overwrite().save(modelPath);                         // ML persistence: metadata + Parquet
    DeepMatrixFactorizationModel again = DeepMatrixFactorizationModel.load(modelPath);
    System.out.printf("depth %d, width %d: %d scored, %d users and %d items with recommendations%n",
        dmf.getDepth(), dmf.getWidth(), scored.count(), top10.count(), fans.count());
    // example end
    return again.transform(test);
  }
}
