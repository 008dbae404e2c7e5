package io.sparkdmf.research.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.sparkdmf.core.completion.CompletionObjective;
import io.sparkdmf.core.linalg.Matrix;
import io.sparkdmf.core.model.DeepFactorization;
import io.sparkdmf.core.model.FactorShapes;
import io.sparkdmf.core.model.Initialization;
import io.sparkdmf.data.CompletionProblem;
import io.sparkdmf.data.SyntheticCompletion;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The benchmark's baseline must compute the same gradients as the engines, or the ratio means nothing. */
class DenseReferenceStepTest {

  @ParameterizedTest(name = "depth {0}")
  @ValueSource(ints = {1, 2, 3, 4})
  void sameGradientsAsTheSparseKernel(int depth) {
    CompletionProblem problem = SyntheticCompletion.parse("m=12,n=9,rank=2,observed=60,seed=1").generate();
    DeepFactorization model = Initialization.GAUSSIAN.create(new FactorShapes(12, 9, depth, 5), 0.5, 3);
    List<Matrix> dense = new DenseReferenceStep(problem.train()).gradients(model);
    try (CompletionObjective entries = CompletionObjective.local(problem.train().split(16), 1)) {
      List<Matrix> sparse = entries.evaluate(model).gradients();
      for (int k = 0; k < depth; k++) {
        double norm = sparse.get(k).frobeniusNormSquared();
        assertEquals(0.0, dense.get(k).minus(sparse.get(k)).frobeniusNormSquared(), 1e-24 * norm);
      }
    }
  }
}
