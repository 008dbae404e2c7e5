package io.sparkdmf.core.penalty;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.sparkdmf.core.FiniteDifferences;
import io.sparkdmf.core.TestProblems;
import io.sparkdmf.core.completion.CompletionObjective;
import io.sparkdmf.core.completion.EntryBlock;
import io.sparkdmf.core.linalg.Matrix;
import io.sparkdmf.core.model.DeepFactorization;
import io.sparkdmf.core.model.FactorShapes;
import io.sparkdmf.core.model.Initialization;
import io.sparkdmf.core.objective.Evaluation;
import io.sparkdmf.core.completion.EntryCounts;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** The ALS-weighted L2 penalty on the factors: value by hand, gradient by finite differences. */
class FactorPenaltyTest {

  @Test
  void valueMatchesAHandWorkedCase() {
    // W_2 = (1, 2)^T (2 x 1), W_1 = (3, 4) (1 x 2); rows observed 1 and 3 times, columns 2 and 2
    EntryBlock entries = new EntryBlock(new int[] {0, 1, 1, 1}, new int[] {0, 0, 1, 1}, new double[4]);
    EntryCounts counts = EntryCounts.of(List.of(entries), 2, 2);
    assertArrayEquals(new long[] {1, 3}, counts.rows());
    assertArrayEquals(new long[] {2, 2}, counts.cols());
    DeepFactorization model = new DeepFactorization(List.of(
        new Matrix(1, 2, new double[] {3, 4}), new Matrix(2, 1, new double[] {1, 2})));
    // lambda (1/4 * 1 + 3/4 * 4 + 2/4 * 9 + 2/4 * 16) = 15.75 lambda
    assertEquals(15.75 * 0.2, FactorPenalty.of(0.2, counts).value(model), 1e-15);
  }

  @ParameterizedTest(name = "depth {0}")
  @ValueSource(ints = {2, 3, 4})
  void penalizedGradientMatchesFiniteDifferences(int depth) {
    List<EntryBlock> entries = TestProblems.sample(TestProblems.lowRank(9, 7, 2, 1), 0.5, 2).split(10);
    FactorPenalty penalty = FactorPenalty.of(0.3, EntryCounts.of(entries, 9, 7));
    DeepFactorization model = Initialization.GAUSSIAN.create(new FactorShapes(9, 7, depth, 4), 0.5, 3);
    try (CompletionObjective data = CompletionObjective.local(entries, 1);
        PenalizedObjective objective = new PenalizedObjective(data, penalty)) {
      Evaluation evaluation = objective.evaluate(model);
      assertEquals(data.meanSquaredError(model), evaluation.loss(), TestProblems.meanSquaredErrorRounding(model, entries),
          "the reported loss is the data term");
      FiniteDifferences.assertGradientsMatch(model, evaluation.gradients(),
          m -> data.meanSquaredError(m) + penalty.value(m));
    }
  }

  @Test
  void negativeOrInfiniteWeightsAndDepthOneAreRefused() {
    assertThrows(IllegalArgumentException.class, () -> FactorPenalty.requireValidWeight(-1));
    assertThrows(IllegalArgumentException.class, () -> FactorPenalty.requireValidWeight(Double.NaN));
    assertThrows(IllegalArgumentException.class, () -> FactorPenalty.requireValidWeight(Double.POSITIVE_INFINITY));
    FactorPenalty penalty = new FactorPenalty(0.1, new double[3], new double[3]);
    DeepFactorization depthOne = new DeepFactorization(List.of(Matrix.zeros(3, 3)));
    assertThrows(IllegalArgumentException.class,
        () -> penalty.addGradient(depthOne, new java.util.ArrayList<>(List.of(Matrix.zeros(3, 3)))));
  }
}
