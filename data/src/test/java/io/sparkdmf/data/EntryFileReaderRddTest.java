package io.sparkdmf.data;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.holdenkarau.spark.testing.JavaRDDComparisons;
import io.sparkdmf.core.LocalSpark;
import io.sparkdmf.core.completion.EntryBlock;
import io.sparkdmf.core.completion.EntryDataset;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The entries a file reader produces, compared as RDDs with spark-testing-base (which has no build for
 * Spark 4, so the spark4 profile leaves this class out).
 */
class EntryFileReaderRddTest {
  @TempDir Path dir;

  private static JavaRDD<String> asText(JavaRDD<EntryBlock> blocks) {
    return blocks.flatMap(block -> {
      List<String> lines = new ArrayList<>();
      for (int e = 0; e < block.size(); e++) {
        lines.add(block.row(e) + " " + block.col(e) + " " + block.value(e));
      }
      return lines.iterator();
    });
  }

  @Test
  void readsMixedSeparatorsHeaderCommentsAndOneBasedIndices() throws IOException {
    Path file = dir.resolve("ratings.csv");
    Files.writeString(file,
        "user,item,rating\n1,1,5.0\n# a comment\n\n2\t3\t-1.5\n3 2 2e-3\n1;3;4\n");
    EntryDataset data = new EntryFileReader(LocalSpark.context(),
        new EntryFormat(true, true, EntryFormat.UNKNOWN, EntryFormat.UNKNOWN)).read(file.toString());
    assertEquals(3, data.rows());
    assertEquals(3, data.cols());
    assertEquals(4, data.count());
    JavaRDD<String> expected = LocalSpark.context().parallelize(
        List.of("0 0 5.0", "1 2 -1.5", "2 1 0.002", "0 2 4.0"));
    JavaRDDComparisons.assertRDDEquals(expected, asText(data.blocks()));
  }
}
