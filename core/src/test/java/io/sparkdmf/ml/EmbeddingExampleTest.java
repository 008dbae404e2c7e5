package io.sparkdmf.ml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sparkdmf.core.LocalSpark;
import io.sparkdmf.core.TestProblems;
import io.sparkdmf.core.completion.EntryBlock;
import io.sparkdmf.core.linalg.Matrix;
import java.nio.file.Files;
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

/** The README's Java example runs, predicts well, and is what the README shows. */
class EmbeddingExampleTest {
  @TempDir Path dir;

  private static String between(String text, String start, String end) {
    int from = text.indexOf(start);
    int to = text.indexOf(end, from + start.length());
    assertTrue(from >= 0 && to > from, "markers " + start + " / " + end);
    return text.substring(from + start.length(), to);
  }

  /** The lines without their common indentation. */
  private static List<String> dedented(String block) {
    List<String> lines = block.lines().filter(line -> !line.isBlank()).toList();
    int indent = lines.stream().mapToInt(line -> line.length() - line.stripLeading().length()).min().orElse(0);
    return lines.stream().map(line -> line.substring(indent).stripTrailing()).toList();
  }

  @Test
  void theReadmeShowsTheExampleThatRuns() throws Exception {
    String source = Files.readString(Path.of("src/test/java/io/sparkdmf/ml/EmbeddingExample.java"));
    String readme = Files.readString(Path.of("../README.md"));
    assertEquals(dedented(between(source, "// example start", "// example end")),
        dedented(between(readme, "<!-- embedding example: core/src/test/java/io/sparkdmf/ml/EmbeddingExample.java -->\n```java",
            "```")));

    SparkSession spark = SparkSession.builder().sparkContext(LocalSpark.context().sc()).getOrCreate();
    Matrix truth = TestProblems.lowRank(60, 50, 2, 3);
    EntryBlock sample = TestProblems.sample(truth, 0.5, 4);
    StringBuilder csv = new StringBuilder("user,item,rating\n");
    List<Row> test = new ArrayList<>();
    for (int e = 0; e < sample.size(); e++) {
      if (e % 10 == 9) {
        test.add(RowFactory.create(sample.row(e), sample.col(e), sample.value(e)));
      } else {
        csv.append(sample.row(e)).append(',').append(sample.col(e)).append(',').append(sample.value(e)).append('\n');
      }
    }
    StructType schema = new StructType().add("user", DataTypes.IntegerType).add("item", DataTypes.IntegerType)
        .add("rating", DataTypes.DoubleType);
    Dataset<Row> testFrame = spark.createDataFrame(test, schema);
    List<Row> predicted = EmbeddingExample.run(spark, Files.writeString(dir.resolve("ratings.csv"), csv).toString(),
        testFrame, dir.resolve("model").toString()).collectAsList();
    double squares = 0;
    double variance = 0;
    for (Row row : predicted) {
      squares += Math.pow(row.getDouble(2) - row.getDouble(3), 2);
      variance += row.getDouble(2) * row.getDouble(2);
    }
    // a rank-2 matrix with half its entries seen: the reloaded model predicts the held-out tenth well
    assertTrue(squares < 0.05 * variance, squares + " against " + variance);
  }
}
