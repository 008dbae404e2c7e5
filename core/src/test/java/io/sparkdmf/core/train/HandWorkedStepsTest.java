package io.sparkdmf.core.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sparkdmf.core.completion.EntryBlock;
import io.sparkdmf.core.completion.CompletionObjective;
import io.sparkdmf.core.objective.Evaluation;
import io.sparkdmf.core.linalg.Matrix;
import io.sparkdmf.core.model.DeepFactorization;
import io.sparkdmf.core.optim.GradientDescent;
import io.sparkdmf.core.optim.GroupRmsProp;
import io.sparkdmf.core.optim.Optimizer;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Scalar factorizations, where every quantity can be worked out by hand. */
class HandWorkedStepsTest {

  /** w2 * w1 fitted to the single entry M = 1 of a 1x1 matrix. */
  private static DeepFactorization scalar(double... factors) {
    return new DeepFactorization(
        java.util.Arrays.stream(factors).mapToObj(w -> new Matrix(1, 1, new double[] {w})).toList());
  }

  private static CompletionObjective one(double value) {
    return CompletionObjective.local(
        List.of(new EntryBlock(new int[] {0}, new int[] {0}, new double[] {value})), 1);
  }

  @Test
  void scalarDepthThreeGradients() {
    // L = (w3 w2 w1 - 1)^2 at (w1, w2, w3) = (2, 3, 0.5): product 3, residual 2, dL/dw_k = 2 * 2 * (product of the others).
    DeepFactorization model = scalar(2, 3, 0.5);
    try (CompletionObjective entries = one(1.0)) {
      Evaluation e = entries.evaluate(model);
      assertEquals(4.0, e.loss(), 1e-15);
      assertEquals(4 * 1.5, e.gradients().get(0).get(0, 0), 1e-15);
      assertEquals(4 * 1.0, e.gradients().get(1).get(0, 0), 1e-15);
      assertEquals(4 * 6.0, e.gradients().get(2).get(0, 0), 1e-15);
    }
  }

  @Test
  void gradientDescentStep() {
    // Depth 1: L = (w - 1)^2 at w = 3 has gradient 4; lr 0.25 takes w to 2.
    DeepFactorization model = scalar(3);
    try (CompletionObjective entries = one(1.0)) {
      Optimizer gd = new GradientDescent(0.25);
      gd.step(model.factors(), entries.evaluate(model).gradients());
      assertEquals(2.0, model.factor(1).get(0, 0), 1e-15);
    }
  }

  @Test
  void groupRmsPropFirstStepIsNormalised() {
    // After one step the bias-corrected average is exactly ||g||^2, so the step is lr * g / (|g| + eps).
    DeepFactorization model = scalar(3);
    try (CompletionObjective entries = one(1.0)) {
      new GroupRmsProp(0.1).step(model.factors(),
          entries.evaluate(model).gradients());
      assertEquals(3.0 - 0.1 * 4.0 / (4.0 + 1e-4), model.factor(1).get(0, 0), 1e-15);
    }
  }

  @Test
  void stopsAtTrainThreshold() {
    // Depth 1 GD with lr 0.25 halves the residual each step: 2, 1, 0.5, ... loss 4, 1, 1/4, ...
    DeepFactorization model = scalar(3);
    try (CompletionObjective entries = one(1.0)) {
      var result = new Trainer(new StoppingRule(100, 1.0 / 64),
          TrainingListener.NONE).train(model, entries, new GradientDescent(0.25));
      assertEquals(4, result.steps());
      assertEquals(StoppingRule.Reason.TRAIN_THRESHOLD, result.reason());
      assertEquals(1.0 / 64, result.trainLoss(), 1e-15);
    }
  }

  @Test
  void divergenceKeepsTheLastFiniteState() {
    // lr 10 on (w - 1)^2 multiplies the residual by -19 each step until it overflows.
    DeepFactorization model = scalar(3);
    try (CompletionObjective entries = one(1.0)) {
      Trainer trainer = new Trainer(new StoppingRule(100_000, 0), TrainingListener.NONE);
      DivergenceException e = assertThrows(DivergenceException.class, () -> trainer.train(model, entries, new GradientDescent(10)));
      assertTrue(model.allFinite());
      assertTrue(Double.isFinite(e.lastFiniteLoss()));
      double residual = model.factor(1).get(0, 0) - 1.0;
      assertEquals(e.lastFiniteLoss(), residual * residual, 1e-12 * e.lastFiniteLoss());
      assertEquals(2 * Math.pow(19, e.lastFiniteStep()), Math.abs(residual), 1e-9 * Math.abs(residual));
    }
  }
}
