package io.sparkdmf.core.multiview;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sparkdmf.core.linalg.Matrix;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The start's top eigenvectors by subspace iteration, for wide views, against the exact Gram's. */
class SubspaceStartTest {

  @Test
  void subspaceIterationFindsTheGramsTopEigenvectorsWithoutTheGram() {
    // 90 samples x 600 features: five strong directions plus noise, in three sample blocks
    Random random = new Random(11);
    int n = 90;
    int d = 600;
    Matrix directions = Matrix.gaussian(5, d, 1, random);
    Matrix view = Matrix.gaussian(n, d, 0.3, random);
    for (int i = 0; i < n; i++) {
      for (int k = 0; k < 5; k++) {
        double weight = (5 - k) * random.nextGaussian();
        for (int j = 0; j < d; j++) {
          view.set(i, j, view.get(i, j) + weight * directions.get(k, j));
        }
      }
    }
    MultiViewData data = new MultiViewData(List.of("wide"), List.of(view), null);
    try (SampleBlocks blocks = new LocalSampleBlocks(data.blocks(3))) {
      assertEquals(d, MultiViewClustering.layerInput(blocks, 0, true));
      Matrix gram = blocks.aggregate(b -> b.x()[0].gram(), (a, b) -> {
        a.addScaled(1.0, b);
        return a;
      });
      MultiViewClustering.Projection exact = MultiViewClustering.Projection.top(gram, 5, n);
      MultiViewClustering.Projection approximate = MultiViewClustering.Projection.subspace(blocks, 0, true, d, 5, 7);
      // the same 5-dimensional subspace: U_exact U_exact^T = U_approx U_approx^T
      Matrix difference = exact.rowsT().transposeTimes(exact.rowsT())
          .minus(approximate.rowsT().transposeTimes(approximate.rowsT()));
      assertTrue(Math.sqrt(difference.frobeniusNormSquared()) < 1e-6,
          "projectors differ by " + Math.sqrt(difference.frobeniusNormSquared()));
      assertEquals(exact.randomScale(), approximate.randomScale(), 1e-9 * exact.randomScale());
    }
  }
}
