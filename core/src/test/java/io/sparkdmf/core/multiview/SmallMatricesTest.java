package io.sparkdmf.core.multiview;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.sparkdmf.core.linalg.Matrix;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SmallMatricesTest {

  /** The first layer's update keeps rows by the mask instead of forming S^+ S with a d x d eigensolver. */
  @Test
  void theCutoffMaskIsThePseudoInverseOfADiagonalTimesIt() {
    Random random = new Random(5);
    int d = 40;
    double[] weights = new double[d];
    for (int j = 0; j < d; j++) {
      weights[j] = Math.pow(10, -20 * random.nextDouble()); // 1e-20 .. 1: some below the cutoff
    }
    Matrix s = Matrix.zeros(d, d);
    for (int j = 0; j < d; j++) {
      s.set(j, j, weights[j]);
    }
    Matrix projector = SmallMatrices.pseudoInverse(s).times(s);
    Matrix ones = Matrix.zeros(d, 3);
    for (int k = 0; k < ones.data().length; k++) {
      ones.data()[k] = 1;
    }
    Matrix masked = SmallMatrices.keepRows(ones.copy(), SmallMatrices.aboveCutoff(weights));
    Matrix expected = projector.times(ones);
    for (int i = 0; i < d; i++) {
      for (int c = 0; c < 3; c++) {
        assertEquals(expected.get(i, c), masked.get(i, c), 1e-12, "row " + i + " (weight " + weights[i] + ")");
      }
    }
  }
}
