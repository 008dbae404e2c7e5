package io.sparkdmf.data;

import io.sparkdmf.core.completion.CompletionObjective;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sparkdmf.core.metrics.Metrics;
import io.sparkdmf.core.model.DeepFactorization;
import io.sparkdmf.core.model.FactorShapes;
import io.sparkdmf.core.model.Initialization;
import io.sparkdmf.core.optim.GroupRmsProp;
import io.sparkdmf.core.train.StoppingRule;
import io.sparkdmf.core.train.Trainer;
import io.sparkdmf.core.train.TrainingListener;
import io.sparkdmf.core.train.TrainingResult;
import org.junit.jupiter.api.Test;

/** A depth-3 factorization recovers a small low-rank matrix from a third of its entries. */
class RecoveryTest {

  @Test
  void depthThreeRecoversARankTwoMatrix() {
    CompletionProblem problem =
        SyntheticCompletion.parse("n=30,rank=2,observed=300,test=200,seed=2").generate();
    DeepFactorization model =
        Initialization.GAUSSIAN.create(FactorShapes.fullWidth(30, 30, 3), 1e-3, 0);
    try (CompletionObjective train = CompletionObjective.local(problem.train().split(64), 2);
        CompletionObjective test = CompletionObjective.local(problem.test().split(64), 2)) {
      TrainingResult result = new Trainer(new StoppingRule(20_000, 1e-6),
          TrainingListener.NONE).train(model, train, new GroupRmsProp(3e-3));
      assertEquals(StoppingRule.Reason.TRAIN_THRESHOLD, result.reason());
      double error = Metrics.reconstructionError(model, problem.truth().orElseThrow());
      assertTrue(error < 1e-4, "reconstruction error " + error);
      assertTrue(Metrics.rmse(model, test) < 1e-2, "test rmse " + Metrics.rmse(model, test));
    }
  }
}
