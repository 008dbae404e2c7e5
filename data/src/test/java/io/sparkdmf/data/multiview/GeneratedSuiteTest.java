package io.sparkdmf.data.multiview;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sparkdmf.core.linalg.DataMatrix;
import io.sparkdmf.core.linalg.Matrix;
import io.sparkdmf.core.linalg.SparseMatrix;
import io.sparkdmf.core.multiview.MultiViewData;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The generated data sets have the properties their documentation promises. */
class GeneratedSuiteTest {

  private static int[] classSizes(int[] labels) {
    int[] sizes = new int[Arrays.stream(labels).max().orElse(0) + 1];
    for (int label : labels) {
      sizes[label]++;
    }
    return sizes;
  }

  /** The share of a feature's variance explained by the classes (0: no signal, 1: all signal). */
  private static double explainedShare(DataMatrix view, int j, int[] labels, int classes) {
    double[] sum = new double[classes];
    int[] count = new int[classes];
    double mean = 0;
    for (int s = 0; s < view.rows(); s++) {
      sum[labels[s]] += view.get(s, j);
      count[labels[s]]++;
      mean += view.get(s, j) / view.rows();
    }
    double between = 0;
    double total = 0;
    for (int s = 0; s < view.rows(); s++) {
      double classMean = sum[labels[s]] / count[labels[s]];
      between += (classMean - mean) * (classMean - mean);
      total += (view.get(s, j) - mean) * (view.get(s, j) - mean);
    }
    return between / total;
  }

  @Test
  void everyDataSetHasItsSizesAndIsTheSameForTheSameSeed() {
    for (GeneratedSuite generator : GeneratedSuite.values()) {
      MultiViewData data = generator.generate(0);
      MultiViewData again = generator.generate(0);
      assertTrue(data.views().size() >= 3, generator.label());
      assertTrue(generator.description().contains(data.samples() + " "), generator.label() + ": " + data.samples());
      for (int v = 0; v < data.views().size(); v++) {
        assertEquals(data.views().get(v).dense(), again.views().get(v).dense(), generator.label() + " view " + v);
      }
      assertArrayEquals(data.labels(), again.labels());
    }
  }

  @Test
  void topicTextIsSparseIntegerCountsInClassesOfUnevenSize() {
    MultiViewData text = GeneratedSuite.TOPIC_TEXT.generate(1);
    for (DataMatrix view : text.views()) {
      assertInstanceOf(SparseMatrix.class, view);
      assertTrue(view.stored() < 0.1 * view.rows() * view.cols(), "under 10% of the entries are counts");
      view.forEachStored((i, j, value) -> assertTrue(value >= 1 && value == Math.rint(value), "a count: " + value));
    }
    int[] sizes = classSizes(text.labels());
    assertEquals(5, sizes.length);
    assertTrue(Arrays.stream(sizes).max().getAsInt() >= 1.5 * Arrays.stream(sizes).min().getAsInt(),
        Arrays.toString(sizes));
  }

  @Test
  void histogramsAreNonNegativeSumToOneAndHaveEmptyBins() {
    MultiViewData histograms = GeneratedSuite.HISTOGRAMS.generate(2);
    assertEquals(100, classSizes(histograms.labels()).length);
    for (DataMatrix view : histograms.views()) {
      Matrix m = view.dense();
      long zeros = Arrays.stream(m.data()).filter(x -> x == 0).count();
      assertTrue(zeros > 0.2 * m.data().length, "empty bins are common: " + zeros);
      for (int s = 0; s < m.rows(); s++) {
        double sum = 0;
        for (int b = 0; b < m.cols(); b++) {
          assertTrue(m.get(s, b) >= 0);
          sum += m.get(s, b);
        }
        assertEquals(1.0, sum, 1e-12);
      }
    }
  }

  @Test
  void theNoiseViewCarriesNoClassSignalAndTheOthersDo() {
    MultiViewData uneven = GeneratedSuite.UNEVEN_QUALITY.generate(3);
    int classes = classSizes(uneven.labels()).length;
    double[] strongest = new double[uneven.views().size()];
    for (int v = 0; v < strongest.length; v++) {
      DataMatrix view = uneven.views().get(v);
      for (int j = 0; j < view.cols(); j++) {
        strongest[v] = Math.max(strongest[v], explainedShare(view, j, uneven.labels(), classes));
      }
    }
    // with 600 samples and 6 classes, chance alone explains about 5/600 of a feature's variance
    assertTrue(strongest[2] < 0.05, "noise view: " + strongest[2]);
    assertTrue(strongest[0] > 0.3 && strongest[1] > 0.15, Arrays.toString(strongest));
  }
}
