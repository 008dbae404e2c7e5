package io.sparkdmf.light.baseline;

import io.sparkdmf.core.linalg.Matrix;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.ml.recommendation.ALS;
import org.apache.spark.ml.recommendation.ALSModel;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * MLlib's ALS with {@code nonnegative = true} on every entry of Z (observed pixel as user, frame as
 * item), rank = the hidden pixels: the Spark-native factorization a user would try first. It runs as
 * Spark jobs of its own, so it is called on the driver, not inside a task.
 */
public final class NonNegativeAls {
  private final int maxIter;
  private final double regParam;

  public NonNegativeAls(int maxIter, double regParam) {
    this.maxIter = maxIter;
    this.regParam = regParam;
  }

  public Factors fit(SparkSession spark, Matrix observed, int rank, long seed) {
    List<Row> rows = new ArrayList<>(observed.data().length);
    for (int f = 0; f < observed.cols(); f++) {
      for (int p = 0; p < observed.rows(); p++) {
        rows.add(RowFactory.create(p, f, (float) observed.get(p, f)));
      }
    }
    StructType schema = new StructType().add("pixel", DataTypes.IntegerType).add("frame", DataTypes.IntegerType)
        .add("value", DataTypes.FloatType);
    Dataset<Row> entries = spark.createDataFrame(rows, schema);
    ALSModel model = new ALS().setUserCol("pixel").setItemCol("frame").setRatingCol("value").setRank(rank)
        .setNonnegative(true).setMaxIter(maxIter).setRegParam(regParam).setSeed(seed).fit(entries);
    Matrix transport = Matrix.zeros(observed.rows(), rank);
    for (Row row : model.userFactors().collectAsList()) {
      List<Float> features = row.getList(1);
      for (int k = 0; k < rank; k++) {
        transport.set(row.getInt(0), k, features.get(k));
      }
    }
    Matrix hidden = Matrix.zeros(rank, observed.cols());
    for (Row row : model.itemFactors().collectAsList()) {
      List<Float> features = row.getList(1);
      for (int k = 0; k < rank; k++) {
        hidden.set(k, row.getInt(0), features.get(k));
      }
    }
    return new Factors(transport, hidden, LeeSeungNmf.loss(observed, transport, hidden), new double[0], 1);
  }
}
