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
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Ids of any type the CLI accepts: strings for users, integers for items, through fit, predict, recommend, save and load. */
class StringIdsTest {
  @TempDir Path dir;

  @Test
  void stringUserIdsGoThroughEveryStep() throws Exception {
    SparkSession spark = SparkSession.builder().sparkContext(LocalSpark.context().sc()).getOrCreate();
    Matrix truth = TestProblems.lowRank(40, 30, 2, 21);
    EntryBlock sample = TestProblems.sample(truth, 0.6, 22);
    List<Row> train = new ArrayList<>();
    List<Row> test = new ArrayList<>();
    for (int e = 0; e < sample.size(); e++) {
      Row row = RowFactory.create("user-" + sample.row(e), 10 * sample.col(e), sample.value(e));
      (e % 10 == 9 ? test : train).add(row);
    }
    StructType schema = new StructType().add("user", DataTypes.StringType).add("item", DataTypes.IntegerType)
        .add("rating", DataTypes.DoubleType);
    DeepMatrixFactorizationModel model = new DeepMatrixFactorization().setValidationFraction(0).setBiases(false)
        .setMaxIter(3000).setLearningRate(0.01).setRegParam(0).setWidth(4).fit(spark.createDataFrame(train, schema));
    assertEquals(DataTypes.StringType, model.userFactors().schema().apply("id").dataType());
    assertEquals(DataTypes.LongType, model.itemFactors().schema().apply("id").dataType());

    Dataset<Row> testFrame = spark.createDataFrame(test, schema);
    model.save(dir.resolve("model").toString());
    DeepMatrixFactorizationModel reloaded = DeepMatrixFactorizationModel.load(dir.resolve("model").toString());
    double squares = 0;
    double energy = 0;
    List<Row> predicted = reloaded.transform(testFrame).collectAsList();
    assertEquals(test.size(), predicted.size());
    for (Row row : predicted) {
      squares += Math.pow(row.getDouble(2) - row.getDouble(3), 2);
      energy += row.getDouble(2) * row.getDouble(2);
    }
    assertTrue(squares < 0.05 * energy, "a rank-2 matrix is completed: " + squares + " against " + energy);

    Row first = reloaded.recommendForAllUsers(2).orderBy("user").first();
    assertEquals("user-0", first.getString(0));
    Row fan = reloaded.recommendForAllItems(1).orderBy("item").first();
    assertEquals(0L, fan.getLong(0));
    assertTrue(((Row) fan.getList(1).get(0)).getString(0).startsWith("user-"));

    StructType doubles = new StructType().add("user", DataTypes.DoubleType).add("item", DataTypes.IntegerType)
        .add("rating", DataTypes.DoubleType);
    IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> new DeepMatrixFactorization()
        .fit(spark.createDataFrame(List.of(RowFactory.create(1.5, 1, 3.0)), doubles)));
    assertTrue(refused.getMessage().contains("'user' must hold integer or string ids"), refused.getMessage());
  }
}
