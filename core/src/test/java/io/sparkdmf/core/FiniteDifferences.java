package io.sparkdmf.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.sparkdmf.core.linalg.Matrix;
import io.sparkdmf.core.model.DeepFactorization;
import java.util.List;
import java.util.function.ToDoubleFunction;

/** Checks factor gradients against central differences of a loss computed independently. */
public final class FiniteDifferences {
  private static final double STEP = 1e-6;

  private FiniteDifferences() {}

  public static void assertGradientsMatch(DeepFactorization model, List<Matrix> gradients,
      ToDoubleFunction<DeepFactorization> loss) {
    for (int k = 1; k <= model.depth(); k++) {
      double[] w = model.factor(k).data();
      double[] g = gradients.get(k - 1).data();
      for (int i = 0; i < w.length; i++) {
        double saved = w[i];
        w[i] = saved + STEP;
        double up = loss.applyAsDouble(model);
        w[i] = saved - STEP;
        double down = loss.applyAsDouble(model);
        w[i] = saved;
        double numeric = (up - down) / (2 * STEP);
        assertEquals(numeric, g[i], 1e-7 * (1 + Math.abs(numeric)), "dL/dW_" + k + " entry " + i);
      }
    }
  }
}
