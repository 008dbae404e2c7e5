package io.sparkdmf.core.sensing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.sparkdmf.core.linalg.Matrix;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Several end-to-end matrices at once give, column by column, what the lone kernel gives each. */
class SharedSensingKernelTest {

  @ParameterizedTest
  @CsvSource({"1, true", "2, true", "3, true", "5, true", "1, false", "2, false"})
  void eachColumnMatchesItsLoneRun(int width, boolean tuned) {
    Random random = new Random(11);
    int cells = 100 * 100;
    // 40 measurements of a 100 x 100 matrix: from SharedSensingKernel.PER_MEASUREMENT_BELOW columns on,
    // the tuned kernel reads them 16, 16 and 8 at a time.
    MeasurementBlock block = new MeasurementBlock(Matrix.gaussian(cells, 40, 1.0, random), random.doubles(40).toArray());
    Matrix w = Matrix.gaussian(cells, width, 0.01, random);
    SharedSensingKernel shared = new SharedSensingKernel(tuned);
    SharedSensingKernel.Sums sums = shared.accumulate(w, block, shared.zero());
    SensingKernel lone = new SensingKernel(true);
    for (int j = 0; j < width; j++) {
      double[] column = new double[cells];
      System.arraycopy(w.data(), j * cells, column, 0, cells);
      SensingPartial expected = lone.accumulate(new Matrix(cells, 1, column), block, lone.zero());
      SensingPartial actual = sums.member(j);
      assertEquals(expected.measurements(), actual.measurements());
      assertEquals(expected.squaredResidualSum(), actual.squaredResidualSum(), 1e-10 * expected.squaredResidualSum());
      assertArrayEquals(expected.gradient(), actual.gradient(), 1e-9, "column " + j);
    }
  }
}
