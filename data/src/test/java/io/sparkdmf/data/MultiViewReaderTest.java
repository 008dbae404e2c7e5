package io.sparkdmf.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sparkdmf.core.multiview.MultiViewData;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import us.hebi.matlab.mat.format.Mat5;
import us.hebi.matlab.mat.types.Cell;
import us.hebi.matlab.mat.types.MatlabType;

/** Multi-view readers: CSV views with labels, compressed .mat cell arrays, and bad files. */
class MultiViewReaderTest {
  @TempDir Path dir;

  @Test
  void readsCsvViewsWithAHeaderAndALabelColumn() throws IOException {
    Path a = Files.writeString(dir.resolve("a.csv"), "0,1,y\n1.5,2,0\n-3,4,1\n2,0.5,1\n");
    Path b = Files.writeString(dir.resolve("b.tsv"), "0\ty\n10\t0\n20\t1\n35\t1\n");
    MultiViewData data = MultiViewReader.readCsv(List.of(a, b), true, MultiViewReader.LabelColumn.LAST, null);
    assertEquals(List.of("a", "b"), data.names());
    assertArrayEquals(new int[] {0, 1, 1}, data.labels());
    assertEquals(-3, data.views().get(0).get(1, 0));
    assertEquals(35, data.views().get(1).get(2, 0));
  }

  @Test
  void badCsvFilesNameTheFileLineAndProblem() throws IOException {
    Path good = Files.writeString(dir.resolve("good.csv"), "1,2\n3,4\n5,7\n");
    Path word = Files.writeString(dir.resolve("word.csv"), "1,2\n3,oops\n5,6\n");
    Path ragged = Files.writeString(dir.resolve("ragged.csv"), "1,2\n3\n5,6\n");
    Path shorter = Files.writeString(dir.resolve("short.csv"), "1,2\n3,4\n");
    Path constant = Files.writeString(dir.resolve("constant.csv"), "1,2\n1,4\n1,6\n");
    assertMessage(List.of(word), null, word + ":2", "'oops' is not a number");
    assertMessage(List.of(ragged), null, ragged + ":2", "1 fields, expected 2");
    assertMessage(List.of(good, shorter), null, shorter + ": 2 samples, but " + good + " has 3");
    // a constant feature is no longer an error here: the jobs drop it with a summary line
    assertEquals(2, MultiViewReader.readCsv(List.of(good, constant), false, MultiViewReader.LabelColumn.NONE, null)
        .views().get(1).cols());
  }

  /** The mistakes that would silently turn a header row into a sample or the labels into a feature. */
  @Test
  void aHeaderOrALabelColumnReadAsDataIsRefused() throws IOException {
    Path indexed = Files.writeString(dir.resolve("indexed.csv"), "0,1,2\n1.5,2.5,0\n-3,4.5,1\n2,0.5,1\n");
    assertMessage(List.of(indexed), null, indexed + ":1: the first row is 0, 1, ..., 2", "give --header");
    Path withLabels = Files.writeString(dir.resolve("with-labels.csv"), "1.5,2.5,0\n-3,4.5,1\n2,0.5,1\n");
    Path labels = Files.writeString(dir.resolve("labels.txt"), "0\n1\n1\n");
    assertMessage(List.of(withLabels), labels, withLabels + ": the last column (3) equals the labels",
        "--label-column last");
    MultiViewData read = MultiViewReader.readCsv(List.of(indexed), true, MultiViewReader.LabelColumn.LAST, labels);
    assertEquals(2, read.views().get(0).cols(), "with --header and --label-column last both are taken apart");
  }

  private static void assertMessage(List<Path> files, Path labels, String... parts) {
    InputException e = assertThrows(InputException.class,
        () -> MultiViewReader.readCsv(files, false, MultiViewReader.LabelColumn.NONE, labels));
    assertTrue(e.getMessage().startsWith(parts[0]), e.getMessage());
    for (String part : parts) {
      assertTrue(e.getMessage().contains(part), e.getMessage());
    }
  }

  /** Written by SciPy's savemat (compressed): a sparse 4 x 3 view beside a dense 4 x 2 one, uint8 labels. */
  @Test
  void readsASparseCellFromAMatFileWrittenBySciPy() throws Exception {
    Path file = Path.of(MultiViewReaderTest.class.getResource("/sparse-views.mat").toURI());
    MultiViewData data = MultiViewReader.readMat(file, null, null);
    double[][] expected = {{1, 0, 2.5}, {0, -3, 0}, {4, 0, 0}, {0, 1, 7}};
    for (int i = 0; i < 4; i++) {
      for (int j = 0; j < 3; j++) {
        assertEquals(expected[i][j], data.views().get(0).get(i, j), "sparse view, " + i + ", " + j);
      }
    }
    assertEquals(34, data.views().get(1).get(3, 1));
    assertArrayEquals(new int[] {1, 2, 1, 2}, data.labels());
  }

  /** Zero columns are common in sparse word counts: the file is read, and the jobs drop the column. */
  @Test
  void aSparseViewWithAConstantFeatureIsReadAndTheFeatureDropped() throws Exception {
    Path file = Path.of(MultiViewReaderTest.class.getResource("/sparse-constant-feature.mat").toURI());
    MultiViewData.Varying varying = MultiViewReader.readMat(file, null, null).withoutConstantFeatures();
    assertEquals(1, varying.dropped().size());
    assertTrue(varying.dropped().get(0).summary().contains("dropped 1 constant feature"),
        varying.dropped().get(0).summary());
  }

  @Test
  void aComplexViewIsRefusedAndATransposedOneIsReadAsTheLabelsSay() throws Exception {
    Path complex = Path.of(MultiViewReaderTest.class.getResource("/hostile/mat/complex-view.mat").toURI());
    InputException e = assertThrows(InputException.class, () -> MultiViewReader.readMat(complex, null, null));
    assertTrue(e.getMessage().contains("'X{2}' is complex"), e.getMessage());

    Path transposed = Path.of(MultiViewReaderTest.class.getResource("/hostile/mat/one-view-transposed-no-labels.mat")
        .toURI());
    e = assertThrows(InputException.class, () -> MultiViewReader.readMat(transposed, null, null));
    assertTrue(e.getMessage().contains("X{3} is 4 x 6 but X{1} has 6 samples: if X{3} is stored features x samples,"
        + " transpose it"), e.getMessage());
    MultiViewData withLabels = MultiViewReader.readMat(transposed, null, null, new int[] {0, 1, 0, 1, 0, 1});
    assertArrayEquals(new int[] {2, 3, 4}, withLabels.featureCounts(), "X{3} read as 6 samples x 4 features");
    assertEquals(2 * 5 + 1, withLabels.views().get(2).get(5, 2), "feature 3 of sample 6, stored at (3, 6)");
  }

  @Test
  void readsACompressedMatFileWithACellArrayOfIntegerAndDoubleViews() throws IOException {
    var ints = Mat5.newMatrix(3, 2, MatlabType.Int16);
    var doubles = Mat5.newMatrix(3, 1);
    for (int i = 0; i < 3; i++) {
      ints.setDouble(i, 0, i + 1);
      ints.setDouble(i, 1, -7 * i);
      doubles.setDouble(i, 0, 0.25 * i * i);
    }
    Cell views = Mat5.newCell(1, 2);
    views.set(0, ints);
    views.set(1, doubles);
    var labels = Mat5.newMatrix(3, 1, MatlabType.UInt8);
    labels.setDouble(0, 0, 2);
    labels.setDouble(1, 0, 1);
    labels.setDouble(2, 0, 2);
    Path file = dir.resolve("views.mat");
    Mat5.writeToFile(Mat5.newMatFile().addArray("X", views).addArray("Y", labels), file.toFile());
    try (RandomAccessFile raw = new RandomAccessFile(file.toFile(), "r")) {
      raw.seek(128);
      assertEquals(15, Integer.reverseBytes(raw.readInt()), "first element is miCOMPRESSED");
    }
    MultiViewData data = MultiViewReader.readMat(file, null, null);
    assertEquals(2, data.views().size());
    assertEquals(-14, data.views().get(0).get(2, 1));
    assertEquals(1.0, data.views().get(1).get(2, 0));
    assertArrayEquals(new int[] {2, 1, 2}, data.labels());
  }

  @Test
  void refusesGarbageAndMissingVariables() throws IOException {
    Path garbage = Files.write(dir.resolve("garbage.mat"), new byte[] {1, 2, 3, 4, 5});
    var e = assertThrows(InputException.class, () -> MultiViewReader.readMat(garbage, null, null));
    assertTrue(e.getMessage().contains("not a readable MATLAB v5 .mat file"), e.getMessage());
    Path noCell = dir.resolve("nocell.mat");
    Mat5.writeToFile(Mat5.newMatFile().addArray("X", Mat5.newMatrix(2, 2)), noCell.toFile());
    e = assertThrows(InputException.class, () -> MultiViewReader.readMat(noCell, null, null));
    assertTrue(e.getMessage().contains("expected a cell array of views"), e.getMessage());
    e = assertThrows(InputException.class, () -> MultiViewReader.readMat(noCell, "views", null));
    assertTrue(e.getMessage().contains("no variable 'views'"), e.getMessage());
  }
}
