package io.sparkdmf.core.multiview;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class FeatureWeightsTest {

  private static FeatureResiduals residuals(double... energy) {
    return new FeatureResiduals(energy, new double[energy.length]);
  }

  private static double objective(double[] w, double[] energy, double p) {
    double sum = 0;
    for (int j = 0; j < w.length; j++) {
      sum += Math.pow(w[j], p) * energy[j];
    }
    return sum;
  }

  @Test
  void withoutACapTheWeightsAreInverseResidualsAtPTwo() {
    // w_j proportional to 1 / D_j: 1 and 1/4 normalised
    assertArrayEquals(new double[] {0.8, 0.2},
        FeatureWeights.optimal(residuals(1, 4), 2, Double.POSITIVE_INFINITY), 1e-15);
  }

  @Test
  void aCappedWeightHoldsAtTheCapAndTheOthersShareTheRestInTheSameProportions() {
    // uncapped [2/3, 1/6, 1/6]; the cap 1.5 x uniform = 1/2 holds the first, the rest 1/2 is shared equally
    assertArrayEquals(new double[] {0.5, 0.25, 0.25},
        FeatureWeights.optimal(residuals(1, 4, 4), 2, 1.5), 1e-15);
  }

  @Test
  void aCapOfOneGivesUniformWeights() {
    double[] w = FeatureWeights.optimal(residuals(1e-30, 1, 1e30, 5), 1.7, 1);
    for (double x : w) {
      assertEquals(0.25, x, 1e-15);
    }
  }

  /** The closed form against the best point of a fine grid over the capped simplex (d = 3). */
  @Test
  void matchesABruteForceSearchOverTheCappedSimplex() {
    Random random = new Random(11);
    for (int trial = 0; trial < 20; trial++) {
      double[] energy = new double[3];
      for (int j = 0; j < 3; j++) {
        energy[j] = Math.pow(10, 3 * random.nextDouble() - 1.5);
      }
      double p = 1.2 + 3 * random.nextDouble();
      double cap = 1 + 1.5 * random.nextDouble();
      double limit = cap / 3;
      double[] w = FeatureWeights.optimal(residuals(energy), p, cap);
      assertEquals(1, w[0] + w[1] + w[2], 1e-12);
      double best = Double.POSITIVE_INFINITY;
      double[] argBest = null;
      int steps = 2000;
      for (int a = 0; a <= steps; a++) {
        for (int b = 0; a + b <= steps; b++) {
          double[] x = {a / (double) steps, b / (double) steps, (steps - a - b) / (double) steps};
          if (x[0] > limit || x[1] > limit || x[2] > limit) {
            continue;
          }
          double f = objective(x, energy, p);
          if (f < best) {
            best = f;
            argBest = x;
          }
        }
      }
      for (int j = 0; j < 3; j++) {
        assertTrue(w[j] <= limit + 1e-15, "weight " + j + " above the cap");
      }
      assertTrue(objective(w, energy, p) <= best * (1 + 1e-12), "trial " + trial + ": not the minimum");
      assertArrayEquals(argBest, w, 2e-3, "trial " + trial);
    }
  }

  @Test
  void residualsBelowTheirRoundingBoundCountAsTheBound() {
    FeatureResiduals resolved = new FeatureResiduals(new double[] {0, 1e-20, 1}, new double[] {1, 1, 1});
    double[] w = FeatureWeights.optimal(resolved, 2, Double.POSITIVE_INFINITY);
    assertArrayEquals(new double[] {1 / 3.0, 1 / 3.0, 1 / 3.0}, w, 1e-15);
  }
}
