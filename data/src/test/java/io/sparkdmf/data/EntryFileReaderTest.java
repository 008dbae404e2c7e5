package io.sparkdmf.data;

import io.sparkdmf.core.completion.EntryDataset;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.sparkdmf.core.LocalSpark;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EntryFileReaderTest {
  private static final EntryFormat ZERO_BASED =
      new EntryFormat(false, false, EntryFormat.UNKNOWN, EntryFormat.UNKNOWN);

  @TempDir Path dir;

  private String write(String name, String content) throws IOException {
    Path file = dir.resolve(name);
    Files.writeString(file, content);
    return file.toString();
  }

  @Test
  void readsEveryFileOfADirectory() throws IOException {
    Files.createDirectory(dir.resolve("parts"));
    write("parts/part-0", "0 0 1\n1 1 2\n");
    write("parts/part-1", "2 2 3\n");
    write("parts/_SUCCESS", "");
    EntryDataset data = new EntryFileReader(LocalSpark.context(), ZERO_BASED)
        .read(dir.resolve("parts").toString());
    assertEquals(3, data.count());
    assertEquals(3, data.rows());
  }

  @ParameterizedTest(name = "{2}")
  @CsvSource(delimiter = '|', value = {
      "0 0 1\\n1 2\\n | 2 | expected 3 fields (row col value) but found 2",
      "0 0 1\\n0 1 x\\n | 2 | value 'x' is not a number",
      "0 0 1\\n0 1 NaN\\n | 2 | value 'NaN' is not finite",
      "0 0 1\\n0 1 Infinity\\n | 2 | value 'Infinity' is not finite",
      "0 0 1\\n-1 1 2\\n | 2 | row index -1 is below the first index",
      "0 0 1\\n0 1.5 2\\n | 2 | column index '1.5' is not an integer",
      "0 0 1\\n0 1 2\\n0 3 1\\n0 0 7\\n | 4 | duplicated (row, col) pair: the same entry is already given at line 1"})
  void badLinesNameFileLineAndProblem(String content, int line, String problem) throws IOException {
    String file = write("bad.txt", content.replace("\\n", "\n"));
    InputException e = assertThrows(InputException.class,
        () -> new EntryFileReader(LocalSpark.context(), ZERO_BASED).read(file));
    assertEquals(file + ":" + line + ": " + problem, e.getMessage().substring(0,
        Math.min(e.getMessage().length(), (file + ":" + line + ": " + problem).length())));
  }

  @Test
  void outOfRangeIndexWhenTheSizeIsGiven() throws IOException {
    String file = write("range.txt", "0 0 1\n5 0 1\n");
    InputException e = assertThrows(InputException.class, () -> new EntryFileReader(
        LocalSpark.context(), new EntryFormat(false, false, 5, 5)).read(file));
    assertEquals(file + ":2: row index 5 is out of range (the matrix has 5 rows)", e.getMessage());
  }

  @Test
  void zeroIndexInAOneBasedFile() throws IOException {
    String file = write("one.txt", "1 1 1\n1 0 1\n");
    InputException e = assertThrows(InputException.class, () -> new EntryFileReader(
        LocalSpark.context(), new EntryFormat(false, true, EntryFormat.UNKNOWN, EntryFormat.UNKNOWN)).read(file));
    assertEquals(file + ":2: column index 0 is below the first index (1, indices are 1-based)", e.getMessage());
  }

  @Test
  void firstBadLineInFileOrderIsReported() throws IOException {
    StringBuilder content = new StringBuilder();
    for (int i = 0; i < 5000; i++) {
      content.append(i).append(' ').append(i).append(i == 4000 || i == 1234 ? " oops\n" : " 1.0\n");
    }
    String file = write("long.txt", content.toString());
    InputException e = assertThrows(InputException.class,
        () -> new EntryFileReader(LocalSpark.context(), ZERO_BASED).read(file));
    assertEquals(file + ":1235: value 'oops' is not a number", e.getMessage());
  }

  @Test
  void emptyInput() throws IOException {
    String file = write("empty.txt", "# nothing here\n\n");
    InputException e = assertThrows(InputException.class,
        () -> new EntryFileReader(LocalSpark.context(), ZERO_BASED).read(file));
    assertEquals(file + ": no entries found (only blank or comment lines)", e.getMessage());
  }

  @Test
  void missingFile() {
    String file = dir.resolve("absent.txt").toString();
    InputException e = assertThrows(InputException.class,
        () -> new EntryFileReader(LocalSpark.context(), ZERO_BASED).read(file));
    assertEquals(file + ": no such file or directory", e.getMessage());
  }
}
