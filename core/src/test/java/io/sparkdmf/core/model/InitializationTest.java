package io.sparkdmf.core.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.sparkdmf.core.linalg.Decompositions;
import io.sparkdmf.core.linalg.Matrix;
import org.junit.jupiter.api.Test;

class InitializationTest {

  @Test
  void identityIsBalancedAndMultipliesToScale() {
    DeepFactorization model = Initialization.IDENTITY.create(FactorShapes.fullWidth(6, 6, 3), 1e-3, 0);
    for (int k = 1; k <= 3; k++) {
      assertEquals(0.1, model.factor(k).get(2, 2), 1e-15);
    }
    assertEquals(1e-3, model.endToEnd().get(4, 4), 1e-17);
    assertEquals(0.0, model.endToEnd().get(4, 3), 0.0);
  }

  @Test
  void orthogonalFactorsHaveOrthogonalColumns() {
    int n = 8;
    double scale = 1e-2;
    DeepFactorization model =
        Initialization.ORTHOGONAL.create(FactorShapes.fullWidth(n, n, 2), scale, 1);
    double c = Math.pow(scale * Math.sqrt(n), 0.5);
    Matrix gram = model.factor(1).transposeTimes(model.factor(1));
    Matrix expected = Matrix.identity(n, n);
    expected.scale(c * c);
    assertEquals(0.0, gram.minus(expected).frobeniusNormSquared(), 1e-24);
    // W is orthogonal times s sqrt(n): every singular value equals s sqrt(n).
    for (double sigma : Decompositions.singularValues(model.endToEnd())) {
      assertEquals(scale * Math.sqrt(n), sigma, 1e-14);
    }
  }

  @Test
  void gaussianHasTheReferenceSpread() {
    int width = 200;
    DeepFactorization model =
        Initialization.GAUSSIAN.create(FactorShapes.fullWidth(width, width, 2), 1e-2, 2);
    double sigma = Math.pow(1e-2, 0.5) / Math.sqrt(width);
    double meanSquare = model.factor(1).frobeniusNormSquared() / (width * width);
    assertEquals(sigma * sigma, meanSquare, 0.02 * sigma * sigma);
  }

  @Test
  void rejectsBadScaleAndName() {
    FactorShapes shapes = FactorShapes.fullWidth(3, 3, 2);
    assertThrows(IllegalArgumentException.class, () -> Initialization.GAUSSIAN.create(shapes, 0, 0));
    assertThrows(IllegalArgumentException.class, () -> Initialization.parse("xavier"));
  }
}
