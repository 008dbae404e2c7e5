package io.sparkdmf.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sparkdmf.core.completion.EntryBlock;
import io.sparkdmf.data.InputException;
import io.sparkdmf.data.ModelStore;
import io.sparkdmf.data.StarRatings;
import io.sparkdmf.ml.DeepMatrixFactorizationModel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One model format: what {@code dmf complete --ratings} writes loads as the Spark ML model, with the same predictions. */
class ModelFormatTest {
  @TempDir Path dir;

  @Test
  void aCliModelPredictsAsTheSparkMlModelAfterASaveAndLoad() throws Exception {
    EntryBlock[] parts = new StarRatings(200, 300, 6_000, false, 0.1, 4).generateLocally();
    StringBuilder train = new StringBuilder();
    for (int e = 0; e < parts[0].size(); e++) {
      train.append(1000 + parts[0].row(e)).append('\t').append(7 * parts[0].col(e)).append('\t')
          .append(parts[0].value(e)).append('\n');
    }
    StringBuilder test = new StringBuilder();
    for (int e = 0; e < parts[1].size(); e++) {
      test.append(1000 + parts[1].row(e)).append('\t').append(7 * parts[1].col(e)).append('\t')
          .append(parts[1].value(e)).append('\n');
    }
    Path out = dir.resolve("out");
    assertEquals(0, Main.run("complete", "--ratings", "--input", Files.writeString(dir.resolve("train.tsv"), train).toString(),
        "--test", Files.writeString(dir.resolve("test.tsv"), test).toString(), "--max-steps", "200", "--out",
        out.toString()));
    // what the CLI predicted for each known held-out pair
    Map<String, Double> cli = new HashMap<>();
    List<Row> pairs = new ArrayList<>();
    for (String line : Files.readAllLines(out.resolve("predictions.csv")).subList(1, Files.readAllLines(
        out.resolve("predictions.csv")).size())) {
      String[] fields = line.split(",");
      if (!fields[3].equals("NaN")) {
        cli.put(fields[0] + "/" + fields[1], Double.parseDouble(fields[3]));
        pairs.add(RowFactory.create(Long.parseLong(fields[0]), Long.parseLong(fields[1])));
      }
    }
    assertTrue(cli.size() > 100);
    SparkSession spark = SparkSession.builder().master("local[2]").config("spark.ui.enabled", "false").getOrCreate();
    DeepMatrixFactorizationModel model = ModelStore.loadModel(spark, out.resolve("factors").toString());
    model.save(dir.resolve("saved").toString());
    DeepMatrixFactorizationModel reloaded = DeepMatrixFactorizationModel.load(dir.resolve("saved").toString());
    StructType schema = new StructType().add("user", DataTypes.LongType).add("item", DataTypes.LongType);
    for (Row row : reloaded.transform(spark.createDataFrame(pairs, schema)).collectAsList()) {
      double expected = cli.get(row.getLong(0) + "/" + row.getLong(1));
      assertEquals(expected, row.getDouble(2), 1e-9 * Math.abs(expected));
    }
  }

  @Test
  void idsThatAreNotIntegersAreNamedWithTheirLine() throws Exception {
    Path out = dir.resolve("words");
    assertEquals(0, Main.run("complete", "--ratings", "--input", Files.writeString(dir.resolve("r.tsv"),
        "alice\tx\t4\nbob\tx\t3\nalice\ty\t5\ncarol\ty\t2\nbob\tz\t1\ncarol\tz\t4\n").toString(),
        "--max-steps", "5", "--validation-fraction", "0", "--out", out.toString()));
    SparkSession spark = SparkSession.builder().master("local[2]").config("spark.ui.enabled", "false").getOrCreate();
    InputException e = assertThrows(InputException.class,
        () -> ModelStore.loadModel(spark, out.resolve("factors").toString()));
    assertTrue(e.getMessage().contains("row_ids.txt:1:") && e.getMessage().contains("alice"), e.getMessage());
  }
}
