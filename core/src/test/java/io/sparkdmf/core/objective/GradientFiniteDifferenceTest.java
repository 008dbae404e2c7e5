package io.sparkdmf.core.objective;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.sparkdmf.core.FiniteDifferences;
import io.sparkdmf.core.TestProblems;
import io.sparkdmf.core.completion.EntryBlock;
import io.sparkdmf.core.completion.CompletionObjective;
import io.sparkdmf.core.linalg.Matrix;
import io.sparkdmf.core.model.DeepFactorization;
import io.sparkdmf.core.model.FactorShapes;
import io.sparkdmf.core.model.Initialization;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Factor gradients against central differences of the loss computed from the dense product. */
class GradientFiniteDifferenceTest {

  /** The loss straight from the definition: mean squared error of the dense W on the entries. */
  private static double denseLoss(DeepFactorization model, EntryBlock entries) {
    Matrix w = model.endToEnd();
    double sum = 0.0;
    for (int e = 0; e < entries.size(); e++) {
      double r = w.get(entries.row(e), entries.col(e)) - entries.value(e);
      sum += r * r;
    }
    return sum / entries.size();
  }

  @ParameterizedTest(name = "depth {0}, {1}x{2}, width {3}, {4} threads")
  @CsvSource({
      "1, 5, 4, 4, 1",
      "2, 5, 4, 3, 2",
      "3, 6, 5, 4, 2",
      "4, 4, 7, 3, 3",
      "3, 7, 7, 7, 1"})
  void gradientsMatchFiniteDifferences(int depth, int m, int n, int width, int threads) {
    Matrix truth = TestProblems.lowRank(m, n, 2, 11);
    EntryBlock observed = TestProblems.sample(truth, 0.6, 12);
    DeepFactorization model =
        Initialization.GAUSSIAN.create(new FactorShapes(m, n, depth, width), 1.0, 13);
    try (CompletionObjective entries = CompletionObjective.local(observed.split(5), threads)) {
      Evaluation evaluation = entries.evaluate(model);
      assertEquals(denseLoss(model, observed), evaluation.loss(), 1e-12 * evaluation.loss());
      FiniteDifferences.assertGradientsMatch(model, evaluation.gradients(), m2 -> denseLoss(m2, observed));
    }
  }
}
