package io.sparkdmf.core.sensing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sparkdmf.core.FiniteDifferences;
import io.sparkdmf.core.LocalSpark;
import io.sparkdmf.core.TestProblems;
import io.sparkdmf.core.linalg.Matrix;
import io.sparkdmf.core.model.DeepFactorization;
import io.sparkdmf.core.model.FactorShapes;
import io.sparkdmf.core.model.Initialization;
import io.sparkdmf.core.objective.Evaluation;
import io.sparkdmf.core.optim.GroupRmsProp;
import io.sparkdmf.core.train.StoppingRule;
import io.sparkdmf.core.train.Trainer;
import io.sparkdmf.core.train.TrainingListener;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Sensing: gradients against finite differences and the two engines against each other.
 */
class SensingObjectiveTest {
  private static final int M = 5;
  private static final int N = 4;

  /** The loss from its definition, with plain loops. */
  private static double loss(DeepFactorization model, List<MeasurementBlock> blocks) {
    double[] w = model.endToEnd().data();
    double sum = 0;
    int count = 0;
    for (MeasurementBlock block : blocks) {
      for (int k = 0; k < block.size(); k++) {
        double inner = 0;
        for (int e = 0; e < w.length; e++) {
          inner += block.operators().get(e, k) * w[e];
        }
        sum += (inner - block.values()[k]) * (inner - block.values()[k]);
        count++;
      }
    }
    return sum / count;
  }

  @ParameterizedTest(name = "depth {0}")
  @ValueSource(ints = {1, 2, 3, 4})
  void gradientsMatchFiniteDifferences(int depth) {
    List<MeasurementBlock> blocks = TestProblems.gaussianMeasurements(TestProblems.lowRank(M, N, 2, 1), 30, 2);
    DeepFactorization model = Initialization.GAUSSIAN.create(new FactorShapes(M, N, depth, 3), 1.0, 3);
    try (SensingObjective objective = SensingObjective.local(blocks, 2)) {
      Evaluation evaluation = objective.evaluate(model);
      assertEquals(loss(model, blocks), evaluation.loss(), 1e-12 * evaluation.loss());
      FiniteDifferences.assertGradientsMatch(model, evaluation.gradients(), m -> loss(m, blocks));
    }
  }

  @Test
  void localAndSparkEnginesAgreeAfterHundredSteps() {
    List<MeasurementBlock> blocks = TestProblems.gaussianMeasurements(TestProblems.lowRank(M, N, 2, 4), 40, 5);
    List<DeepFactorization> runs = new ArrayList<>();
    for (boolean spark : new boolean[] {false, true}) {
      DeepFactorization model = Initialization.GAUSSIAN.create(FactorShapes.fullWidth(M, N, 3), 0.1, 6);
      try (SensingObjective objective = spark
          ? SensingObjective.spark(LocalSpark.context().parallelize(blocks, 3), 40)
          : SensingObjective.local(blocks, 2)) {
        new Trainer(new StoppingRule(100, 0), TrainingListener.NONE)
            .train(model, objective, new GroupRmsProp(0.01));
      }
      runs.add(model);
    }
    for (int k = 1; k <= 3; k++) {
      Matrix a = runs.get(0).factor(k);
      double relative = Math.sqrt(a.minus(runs.get(1).factor(k)).frobeniusNormSquared() / a.frobeniusNormSquared());
      assertTrue(relative < 1e-10, "W_" + k + " differs by " + relative);
    }
  }
}
