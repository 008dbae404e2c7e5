package io.sparkdmf.core.sensing;


import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sparkdmf.core.TestProblems;
import io.sparkdmf.core.linalg.Matrix;
import io.sparkdmf.core.model.DeepFactorization;
import io.sparkdmf.core.model.FactorShapes;
import io.sparkdmf.core.model.Initialization;
import io.sparkdmf.core.objective.Objective;
import io.sparkdmf.core.optim.GroupRmsProp;
import io.sparkdmf.core.train.StoppingRule;
import io.sparkdmf.core.train.Trainer;
import io.sparkdmf.core.train.TrainingListener;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** Models trained together on shared measurements against the same models trained alone. */
class SharedMeasurementsTest {
  private static final int M = 5;
  private static final int N = 4;

  /** Depth, init seed and steps of three models trained at once; the last stops early. */
  private static final int[][] MEMBERS = {{3, 11, 60}, {2, 12, 60}, {4, 13, 25}};

  private static DeepFactorization train(int[] member, Supplier<Objective> objectives) {
    DeepFactorization model = Initialization.GAUSSIAN.create(FactorShapes.fullWidth(M, N, member[0]), 0.1, member[1]);
    try (Objective objective = objectives.get()) {
      new Trainer(new StoppingRule(member[2], 0), TrainingListener.NONE).train(model, objective, new GroupRmsProp(0.01));
    }
    return model;
  }

  @Test
  void modelsTrainedTogetherOnSharedMeasurementsMatchModelsTrainedAlone() throws Exception {
    List<MeasurementBlock> blocks = TestProblems.gaussianMeasurements(TestProblems.lowRank(M, N, 2, 7), 40, 8);
    SharedMeasurements shared = new SharedMeasurements(blocks, M * N, 2);
    // Every member joins before any starts, as the sweep does.
    List<Objective> joined = new ArrayList<>();
    for (int i = 0; i < MEMBERS.length; i++) {
      joined.add(shared.join());
    }
    ExecutorService threads = Executors.newFixedThreadPool(MEMBERS.length);
    try {
      List<Future<DeepFactorization>> together = new ArrayList<>();
      for (int i = 0; i < MEMBERS.length; i++) {
        int member = i;
        together.add(threads.submit(() -> train(MEMBERS[member], () -> joined.get(member))));
      }
      for (int i = 0; i < MEMBERS.length; i++) {
        DeepFactorization alone = train(MEMBERS[i], () -> SensingObjective.local(blocks, 1));
        DeepFactorization withOthers = together.get(i).get();
        for (int k = 1; k <= alone.depth(); k++) {
          Matrix a = alone.factor(k);
          double relative = Math.sqrt(a.minus(withOthers.factor(k)).frobeniusNormSquared() / a.frobeniusNormSquared());
          assertTrue(relative < 1e-10, "member " + i + ", W_" + k + " differs by " + relative);
        }
      }
    } finally {
      threads.shutdownNow();
      shared.close();
    }
  }
}
