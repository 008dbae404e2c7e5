package io.sparkdmf.core.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.sparkdmf.core.linalg.Matrix;
import org.junit.jupiter.api.Test;

class SpectralDiagnosticsTest {

  @Test
  void handWorkedDiagonalMatrix() {
    // diag(3, 1): nuclear norm 4; p = (3/4, 1/4); erank = exp(-(3/4 ln 3/4 + 1/4 ln 1/4)) = 4 / 3^{3/4}.
    SpectralDiagnostics d = SpectralDiagnostics.of(new Matrix(2, 2, new double[] {3, 0, 0, -1}));
    assertEquals(4.0, d.nuclearNorm(), 1e-14);
    assertEquals(4.0 / Math.pow(3, 0.75), d.effectiveRank(), 1e-14);
    assertEquals(3.0, d.singularValues()[0], 1e-14);
  }

  @Test
  void rankOneHasEffectiveRankOneAndEqualValuesCountThemselves() {
    Matrix rankOne = new Matrix(3, 2, new double[] {1, 2, 3, 2, 4, 6});
    assertEquals(1.0, SpectralDiagnostics.of(rankOne).effectiveRank(), 1e-7);
    assertEquals(5.0, SpectralDiagnostics.of(Matrix.identity(5, 5)).effectiveRank(), 1e-13);
    assertEquals(0.0, SpectralDiagnostics.effectiveRank(new double[] {0, 0}), 0.0);
  }
}
