package io.sparkdmf.core.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sparkdmf.core.linalg.Decompositions;
import io.sparkdmf.core.linalg.Matrix;
import org.junit.jupiter.api.Test;

class DepthLiftTest {

  @Test
  void liftKeepsTheProductAndBalancesTheFactors() {
    DeepFactorization shallow = Initialization.GAUSSIAN.create(new FactorShapes(40, 30, 2, 6), 0.7, 3);
    Matrix product = shallow.endToEnd();
    for (int depth : new int[] {2, 3, 5}) {
      DeepFactorization deep = DepthLift.lift(shallow, depth);
      assertEquals(depth, deep.depth());
      Matrix difference = deep.endToEnd().minus(product);
      assertTrue(difference.frobeniusNormSquared() < 1e-24 * product.frobeniusNormSquared(),
          "depth " + depth + ": the lift changed the product by " + Math.sqrt(difference.frobeniusNormSquared()));
      double[] first = Decompositions.singularValues(deep.factor(1));
      for (int k = 2; k <= depth; k++) {
        double[] other = Decompositions.singularValues(deep.factor(k));
        for (int i = 0; i < first.length; i++) {
          assertEquals(first[i], other[i], 1e-12 * first[0], "factor " + k + " is not balanced with W_1");
        }
      }
    }
  }
}
