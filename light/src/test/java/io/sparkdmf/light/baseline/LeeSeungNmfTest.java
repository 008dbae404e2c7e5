package io.sparkdmf.light.baseline;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sparkdmf.core.linalg.Matrix;
import java.util.Random;
import org.junit.jupiter.api.Test;

class LeeSeungNmfTest {

  /** The multiplicative updates never increase the loss and fit an exactly non-negative rank-3 matrix. */
  @Test
  void fitsANonNegativeLowRankMatrixMonotonically() {
    Random random = new Random(1);
    Matrix w = Matrix.zeros(20, 3);
    Matrix h = Matrix.zeros(3, 30);
    for (int i = 0; i < w.data().length; i++) {
      w.data()[i] = random.nextDouble();
    }
    for (int i = 0; i < h.data().length; i++) {
      h.data()[i] = random.nextDouble();
    }
    Matrix z = w.times(h);
    Factors fit = new LeeSeungNmf(3000).fit(z, 3, 2);
    double[] history = fit.history();
    for (int k = 1; k < history.length; k++) {
      assertTrue(history[k] <= history[k - 1] * (1 + 1e-12), "loss rose at " + k);
    }
    double relative = Math.sqrt(fit.transport().times(fit.hidden()).minus(z).frobeniusNormSquared()
        / z.frobeniusNormSquared());
    assertTrue(relative < 0.01, "relative misfit " + relative);
    for (double v : fit.transport().data()) {
      assertTrue(v >= 0);
    }
  }
}
