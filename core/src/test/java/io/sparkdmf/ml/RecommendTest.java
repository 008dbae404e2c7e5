package io.sparkdmf.ml;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.sparkdmf.core.LocalSpark;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The recommend variants against a brute-force top k over the same factors, partitions on both sides. */
class RecommendTest {
  private static final StructType FACTORS = new StructType()
      .add("id", DataTypes.LongType, false)
      .add("features", DataTypes.createArrayType(DataTypes.DoubleType, false), false);
  private static final int WIDTH = 3;

  private static SparkSession spark;
  private static Map<Long, double[]> users;
  private static Map<Long, double[]> items;
  private static DeepMatrixFactorizationModel model;

  private static Map<Long, double[]> vectors(int count, long firstId, long step, Random random) {
    Map<Long, double[]> out = new HashMap<>();
    for (int k = 0; k < count; k++) {
      out.put(firstId + step * k, random.doubles(WIDTH).map(x -> 2 * x - 1).toArray());
    }
    return out;
  }

  private static Dataset<Row> frame(Map<Long, double[]> vectors, int partitions) {
    List<Row> rows = new ArrayList<>();
    vectors.forEach((id, v) -> rows.add(RowFactory.create(id, java.util.Arrays.stream(v).boxed().toArray(Double[]::new))));
    return spark.createDataFrame(rows, FACTORS).repartition(partitions);
  }

  @BeforeAll
  static void model() {
    spark = SparkSession.builder().sparkContext(LocalSpark.context().sc()).getOrCreate();
    Random random = new Random(5);
    users = vectors(17, 100, 7, random);
    items = vectors(23, 5, 3, random);
    model = new DeepMatrixFactorizationModel("recommend-test", frame(users, 3), frame(items, 4));
  }

  /** The best {@code k} of {@code to} for {@code vector}, by dot product, as (id, score) pairs. */
  private static List<Object[]> bruteForce(double[] vector, Map<Long, double[]> to, int k) {
    List<Object[]> all = new ArrayList<>();
    to.forEach((id, v) -> {
      double score = 0;
      for (int c = 0; c < WIDTH; c++) {
        score += vector[c] * v[c];
      }
      all.add(new Object[] {id, score});
    });
    all.sort((a, b) -> Double.compare((Double) b[1], (Double) a[1]));
    return all.subList(0, k);
  }

  private static void assertTopK(Dataset<Row> recommended, Map<Long, double[]> from, Map<Long, double[]> to, int k,
      int expectedRows) {
    List<Row> rows = recommended.collectAsList();
    assertEquals(expectedRows, rows.size());
    for (Row row : rows) {
      List<Object[]> expected = bruteForce(from.get(row.getLong(0)), to, k);
      List<Row> got = row.getList(1);
      assertEquals(k, got.size());
      for (int r = 0; r < k; r++) {
        assertEquals(expected.get(r)[0], got.get(r).getLong(0), "rank " + r + " of " + row.getLong(0));
        assertEquals((Double) expected.get(r)[1], got.get(r).getDouble(1), 1e-12);
      }
    }
  }

  @Test
  void everyVariantMatchesBruteForce() {
    assertTopK(model.recommendForAllUsers(4), users, items, 4, users.size());
    assertTopK(model.recommendForAllItems(5), items, users, 5, items.size());
    StructType ids = new StructType().add("user", DataTypes.LongType).add("item", DataTypes.LongType);
    Dataset<Row> some = spark.createDataFrame(List.of(RowFactory.create(100L, 5L), RowFactory.create(114L, 8L),
        RowFactory.create(114L, 11L), RowFactory.create(999L, 999L)), ids);
    // 999 was never seen: left out; 114 asked twice: once
    assertTopK(model.recommendForUserSubset(some, 3), users, items, 3, 2);
    assertTopK(model.recommendForItemSubset(some, 2), items, users, 2, 3);
    assertEquals("user", model.recommendForAllUsers(1).schema().fields()[0].name());
    assertEquals("item", model.recommendForAllItems(1).schema().fields()[0].name());
  }

  @Test
  void kBeyondTheCandidatesGivesThemAll() {
    assertTopK(model.recommendForAllUsers(30).limit(1), users, items, items.size(), 1);
  }
}
