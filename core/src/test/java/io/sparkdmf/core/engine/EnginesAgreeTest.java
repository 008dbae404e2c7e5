package io.sparkdmf.core.engine;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sparkdmf.core.LocalSpark;
import io.sparkdmf.core.TestProblems;
import io.sparkdmf.core.objective.Objective;
import io.sparkdmf.core.completion.CompletionObjective;
import io.sparkdmf.core.completion.EntryBlock;
import io.sparkdmf.core.linalg.Matrix;
import io.sparkdmf.core.model.DeepFactorization;
import io.sparkdmf.core.model.FactorShapes;
import io.sparkdmf.core.model.Initialization;
import io.sparkdmf.core.optim.Optimizer;
import io.sparkdmf.core.train.StoppingRule;
import io.sparkdmf.core.train.Trainer;
import io.sparkdmf.core.train.TrainingListener;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The local and Spark engines run the same kernel, so 100 steps must land on the same iterate. */
class EnginesAgreeTest {

  private static DeepFactorization train(Objective entries, int depth, Optimizer.Kind kind,
      double lr) {
    DeepFactorization model =
        Initialization.GAUSSIAN.create(FactorShapes.fullWidth(30, 24, depth), 1e-2, 5);
    new Trainer(new StoppingRule(100, 0), TrainingListener.NONE).train(model, entries, kind.create(lr));
    return model;
  }

  @ParameterizedTest(name = "depth {0}, {1}")
  @CsvSource({"1, GD, 0.5", "2, GROUPRMSPROP, 0.01", "3, GROUPRMSPROP, 0.01", "3, ADAM, 0.01",
      "4, GD, 1.0"})
  void sameIteratesAfterHundredSteps(int depth, Optimizer.Kind kind, double lr) {
    Matrix truth = TestProblems.lowRank(30, 24, 3, 1);
    List<EntryBlock> blocks = TestProblems.sample(truth, 0.4, 2).split(37);
    DeepFactorization local;
    try (Objective entries = CompletionObjective.local(blocks, 2)) {
      local = train(entries, depth, kind, lr);
    }
    DeepFactorization spark;
    try (Objective entries = CompletionObjective.spark(LocalSpark.context().parallelize(blocks, 3),
        blocks.stream().mapToLong(EntryBlock::size).sum())) {
      spark = train(entries, depth, kind, lr);
    }
    for (int k = 1; k <= depth; k++) {
      Matrix a = local.factor(k);
      double difference = a.minus(spark.factor(k)).frobeniusNormSquared();
      double relative = Math.sqrt(difference / a.frobeniusNormSquared());
      assertTrue(relative < 1e-10, "W_" + k + " differs by " + relative);
    }
    Matrix w = local.endToEnd();
    assertTrue(w.minus(spark.endToEnd()).frobeniusNormSquared() < 1e-20 * w.frobeniusNormSquared());
  }
}
