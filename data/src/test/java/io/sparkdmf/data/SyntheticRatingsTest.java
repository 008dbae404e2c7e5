package io.sparkdmf.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sparkdmf.core.LocalSpark;
import org.junit.jupiter.api.Test;

/** The rating generator's oracle floor: exact without noise, between the noise and its estimate with it. */
class SyntheticRatingsTest {

  @Test
  void oracleIsExactWithoutNoise() {
    SyntheticRatings spec = new SyntheticRatings(200, 120, 5, 200 * 40, 0.0, 0.2, 3);
    SyntheticRatings.Split split = spec.generate(LocalSpark.context(), 3);
    // the ridge term vanishes with the noise, and 40 ratings pin down a rank-5 user vector
    assertEquals(0.0, spec.oracleRmse(LocalSpark.context(), split), 1e-9);
  }

  @Test
  void oracleSitsAboveTheNoiseByTheUserEstimationError() {
    double noise = 0.5;
    SyntheticRatings spec = new SyntheticRatings(2000, 300, 10, 2000 * 50, noise, 0.2, 4);
    double oracle = spec.oracleRmse(LocalSpark.context(), spec.generate(LocalSpark.context(), 3));
    // least squares from n ~ 40 training ratings adds about noise^2 k / (n - k - 1) to the error variance;
    // the prior (ridge) can only lower that
    double leastSquares = noise * Math.sqrt(1 + 10.0 / (40 - 10 - 1));
    assertTrue(oracle > noise * 1.02 && oracle < leastSquares * 1.01,
        "oracle " + oracle + " should lie between the noise " + noise + " and least squares' " + leastSquares);
  }
}
