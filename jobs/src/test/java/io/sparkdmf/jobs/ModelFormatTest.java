package io.sparkdmf.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sparkdmf.core.completion.EntryBlock;
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

/**
 * One model format: what {@code dmf complete --ratings} writes loads as the Spark ML model, integer ids or
 * strings, with the same predictions.
 */
class ModelFormatTest {
  @TempDir Path dir;

  /** Ratings as "user<TAB>item<TAB>stars" lines, the ids written by {@code user} and {@code item}. */
  private static String lines(EntryBlock block, java.util.function.IntFunction<String> user,
      java.util.function.IntFunction<String> item) {
    StringBuilder out = new StringBuilder();
    for (int e = 0; e < block.size(); e++) {
      out.append(user.apply(block.row(e))).append('\t').append(item.apply(block.col(e))).append('\t')
          .append(block.value(e)).append('\n');
    }
    return out.toString();
  }

  /**
   * Fits with the CLI, loads its model as the Spark ML model, saves and reloads that, and checks its
   * predictions against the CLI's for every known held-out pair.
   */
  private void assertSamePredictions(String name, java.util.function.IntFunction<String> user,
      java.util.function.IntFunction<String> item, boolean integerIds) throws Exception {
    EntryBlock[] parts = new StarRatings(200, 300, 6_000, false, 0.1, 4).generateLocally();
    Path out = dir.resolve(name);
    assertEquals(0, Main.run("complete", "--ratings",
        "--input", Files.writeString(dir.resolve(name + "-train.tsv"), lines(parts[0], user, item)).toString(),
        "--test", Files.writeString(dir.resolve(name + "-test.tsv"), lines(parts[1], user, item)).toString(),
        "--max-steps", "200", "--out", out.toString()));
    Map<String, Double> cli = new HashMap<>();
    List<Row> pairs = new ArrayList<>();
    List<String> predictions = Files.readAllLines(out.resolve("predictions.csv"));
    for (String line : predictions.subList(1, predictions.size())) {
      String[] fields = line.split(",");
      if (!fields[3].equals("NaN")) {
        cli.put(fields[0] + "/" + fields[1], Double.parseDouble(fields[3]));
        pairs.add(integerIds ? RowFactory.create(Long.parseLong(fields[0]), Long.parseLong(fields[1]))
            : RowFactory.create(fields[0], fields[1]));
      }
    }
    assertTrue(cli.size() > 100);
    SparkSession spark = SparkSession.builder().master("local[2]").config("spark.ui.enabled", "false").getOrCreate();
    DeepMatrixFactorizationModel model = ModelStore.loadModel(spark, out.resolve("factors").toString());
    model.save(dir.resolve(name + "-saved").toString());
    DeepMatrixFactorizationModel reloaded = DeepMatrixFactorizationModel.load(dir.resolve(name + "-saved").toString());
    StructType schema = integerIds
        ? new StructType().add("user", DataTypes.LongType).add("item", DataTypes.LongType)
        : new StructType().add("user", DataTypes.StringType).add("item", DataTypes.StringType);
    List<Row> scored = reloaded.transform(spark.createDataFrame(pairs, schema)).collectAsList();
    assertEquals(cli.size(), scored.size());
    for (Row row : scored) {
      double expected = cli.get(row.get(0) + "/" + row.get(1));
      assertEquals(expected, row.getDouble(2), 1e-9 * Math.abs(expected));
    }
    // the CLI scores both: the output of complete and the saved Spark ML model
    Path test = dir.resolve(name + "-test.tsv");
    for (String saved : List.of(out.toString(), dir.resolve(name + "-saved").toString())) {
      Path scores = dir.resolve(name + "-scores-" + Math.abs(saved.hashCode()));
      assertEquals(0, Main.run("score", "--model", saved, "--pairs", test.toString(), "--cold-start", "drop",
          "--top", "3", "--out", scores.toString()));
      Map<String, Double> scoredByCli = new HashMap<>();
      for (String[] fields : csvRows(scores.resolve("predictions"))) {
        scoredByCli.put(fields[0] + "/" + fields[1], Double.parseDouble(fields[2]));
      }
      assertEquals(cli.keySet(), scoredByCli.keySet());
      cli.forEach((pair, expected) -> assertEquals(expected, scoredByCli.get(pair), 1e-9 * Math.abs(expected), pair));
      Map<String, List<Double>> ranked = new HashMap<>();
      for (String[] fields : csvRows(scores.resolve("recommendations"))) {
        List<Double> list = ranked.computeIfAbsent(fields[0], u -> new ArrayList<>());
        assertEquals(list.size() + 1, Integer.parseInt(fields[1]), "ranks in order for user " + fields[0]);
        list.add(Double.parseDouble(fields[3]));
      }
      assertEquals(200, ranked.size(), "every user gets recommendations");
      ranked.forEach((u, list) -> {
        assertEquals(3, list.size());
        assertTrue(list.get(0) >= list.get(1) && list.get(1) >= list.get(2), "best first for user " + u);
      });
    }
  }

  @Test
  void scoringRefusesWhatIsNotAModelAndLeavesNoOutput() throws Exception {
    Path notAModel = Files.createDirectories(dir.resolve("empty"));
    Path scores = dir.resolve("scores");
    assertEquals(Main.EXIT_BAD_INPUT, Main.run("score", "--model", notAModel.toString(), "--top", "1",
        "--out", scores.toString()));
    assertEquals(Main.EXIT_BAD_INPUT, Main.run("score", "--model", notAModel.toString(), "--out", scores.toString()));
    assertTrue(!Files.exists(scores));
  }

  /** The rows of a directory of CSV part files with headers, part files in name order. */
  private static List<String[]> csvRows(Path directory) throws java.io.IOException {
    List<String[]> rows = new ArrayList<>();
    try (var files = Files.list(directory)) {
      for (Path part : files.filter(p -> p.getFileName().toString().endsWith(".csv")).sorted().toList()) {
        List<String> lines = Files.readAllLines(part);
        lines.subList(1, lines.size()).forEach(line -> rows.add(line.split(",")));
      }
    }
    return rows;
  }

  @Test
  void aCliModelWithIntegerIdsPredictsAsTheSparkMlModel() throws Exception {
    assertSamePredictions("integers", row -> Integer.toString(1000 + row), col -> Integer.toString(7 * col), true);
  }

  @Test
  void aCliModelWithStringIdsPredictsAsTheSparkMlModel() throws Exception {
    assertSamePredictions("strings", row -> "user-" + row, col -> "film-" + col, false);
  }
}
