package io.sparkdmf.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.sparkdmf.core.LocalSpark;
import io.sparkdmf.core.completion.EntryBlock;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Small text inputs are read on the driver, large ones by Spark: both give the same data and the same errors. */
class RatingFileReaderTest {
  @TempDir Path dir;

  private final RatingFileReader onDriver = new RatingFileReader(LocalSpark.context(), true);
  private final RatingFileReader bySpark = onDriver.withDriverBytes(-1);

  private String write(String name, String text) throws IOException {
    return Files.writeString(dir.resolve(name), text).toString();
  }

  private static TreeSet<String> entries(RatingFileReader.RatingDataset data) {
    TreeSet<String> out = new TreeSet<>();
    for (EntryBlock block : data.entries().blocks().collect()) {
      for (int e = 0; e < block.size(); e++) {
        out.add(data.userIds().get(block.row(e)) + "/" + data.itemIds().get(block.col(e)) + "=" + block.value(e));
      }
    }
    return out;
  }

  @Test
  void bothPathsReadTheSameRatings() throws IOException {
    String file = write("r.csv", "user,item,rating\n# a comment\nb,x,4\na,y,3.5,1700000000\n\nc,x,1\na,x,2\n");
    RatingFileReader.RatingDataset small = onDriver.read(file);
    RatingFileReader.RatingDataset large = bySpark.read(file);
    assertEquals(List.of("a", "b", "c"), small.userIds());
    assertEquals(large.userIds(), small.userIds());
    assertEquals(large.itemIds(), small.itemIds());
    assertEquals(4, small.entries().count());
    assertEquals(entries(large), entries(small));
  }

  @Test
  void bothPathsNameTheSameBadLine() throws IOException {
    for (String text : List.of("h\na,x,1\nb,y,oops\nc,z,zz\n", "h\na,x,1\nb,y,2\na,x,3\nb,y,4\n", "h\n# nothing\n")) {
      String file = write("bad.csv", text);
      InputException small = assertThrows(InputException.class, () -> onDriver.read(file));
      InputException large = assertThrows(InputException.class, () -> bySpark.read(file));
      assertEquals(large.getMessage(), small.getMessage());
    }
  }
}
