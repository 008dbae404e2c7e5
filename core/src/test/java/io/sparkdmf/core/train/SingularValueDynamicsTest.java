package io.sparkdmf.core.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sparkdmf.core.TestProblems;
import io.sparkdmf.core.completion.CompletionObjective;
import io.sparkdmf.core.completion.EntryBlock;
import io.sparkdmf.core.linalg.Decompositions;
import io.sparkdmf.core.linalg.Matrix;
import io.sparkdmf.core.model.DeepFactorization;
import io.sparkdmf.core.model.FactorShapes;
import io.sparkdmf.core.model.Initialization;
import io.sparkdmf.core.optim.GradientDescent;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Arora et al., Theorem 3: from a balanced start, gradient flow moves each singular value of W as
 * d sigma_r / dt = -N (sigma_r^2)^{1-1/N} <grad l(W), u_r v_r^T>. Gradient descent with a small step
 * from the "identity" start must match it step by step, to first order in the step.
 */
class SingularValueDynamicsTest {
  private static final double WARM_UP_STEP = 3e-3;
  private static final int WARM_UP_STEPS = 4000;

  /** The end-to-end gradient (2/|Omega|) P_Omega(W - M), dense. */
  private static Matrix endToEndGradient(Matrix w, EntryBlock entries) {
    Matrix g = Matrix.zeros(w.rows(), w.cols());
    for (int e = 0; e < entries.size(); e++) {
      int i = entries.row(e);
      int j = entries.col(e);
      g.set(i, j, 2.0 * (w.get(i, j) - entries.value(e)) / entries.size());
    }
    return g;
  }

  @ParameterizedTest(name = "depth {0}")
  @ValueSource(ints = {2, 3, 4})
  void singularValuesMoveAsTheoremThreeSays(int depth) {
    int n = 10;
    double step = 1e-5;
    Matrix truth = TestProblems.lowRank(n, n, 2, 7);
    EntryBlock observed = TestProblems.sample(truth, 0.7, 8);
    DeepFactorization model = Initialization.IDENTITY.create(FactorShapes.fullWidth(n, n, depth), 0.3, 0);
    GradientDescent gd = new GradientDescent(step);
    try (CompletionObjective objective = CompletionObjective.local(List.of(observed), 1)) {
      // Let the singular values separate first (at the identity start they are all equal), with a
      // step small enough that the factors stay balanced to within O(step^2) per step.
      GradientDescent warmUp = new GradientDescent(WARM_UP_STEP);
      for (int t = 0; t < WARM_UP_STEPS; t++) {
        warmUp.step(model.factors(), objective.evaluate(model).gradients());
      }
      Matrix w = model.endToEnd();
      Decompositions.Svd svd = Decompositions.svd(w);
      Matrix g = endToEndGradient(w, observed);
      gd.step(model.factors(), objective.evaluate(model).gradients());
      double[] after = Decompositions.singularValues(model.endToEnd());

      double[] sigma = svd.singularValues();
      assertTrue(sigma[0] - sigma[1] > 1e-2 && sigma[1] - sigma[2] > 1e-2, "singular values must be apart");
      for (int r = 0; r < 3; r++) {
        double projection = 0;
        for (int j = 0; j < n; j++) {
          for (int i = 0; i < n; i++) {
            projection += g.get(i, j) * svd.u().get(i, r) * svd.vt().get(r, j);
          }
        }
        double predicted = -step * depth * Math.pow(sigma[r] * sigma[r], 1 - 1.0 / depth) * projection;
        double measured = after[r] - sigma[r];
        assertEquals(predicted, measured, 1e-3 * Math.abs(predicted),
            "sigma_" + (r + 1) + " = " + sigma[r] + ": predicted change " + predicted + ", measured " + measured);
      }
    }
  }
}
