package io.sparkdmf.core.ratings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sparkdmf.core.completion.CompletionObjective;
import io.sparkdmf.core.completion.EntryBlock;
import io.sparkdmf.core.completion.EntryBlockBuilder;
import io.sparkdmf.core.metrics.Metrics;
import io.sparkdmf.core.model.DeepFactorization;
import io.sparkdmf.core.model.FactorShapes;
import io.sparkdmf.core.model.Initialization;
import io.sparkdmf.core.objective.Objective;
import io.sparkdmf.core.optim.GradientDescent;
import io.sparkdmf.core.train.StoppingRule;
import io.sparkdmf.core.train.Trainer;
import io.sparkdmf.core.train.TrainingListener;
import io.sparkdmf.core.train.TrainingResult;
import io.sparkdmf.core.train.TrainingState;
import io.sparkdmf.core.train.ValidationStopping;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ValidationStoppingTest {

  private static Objective oneEntry(double value) {
    return CompletionObjective.local(List.of(new EntryBlockBuilder().add(0, 0, value).build()), 1);
  }

  @Test
  void keepsTheModelOfTheBestHeldOutRmseNotTheLast() {
    // a 1 x 1 product w grows from about 0 towards the training value 2 and crosses the held-out
    // value 1 on the way: the held-out RMSE |w - 1| falls, then rises, and the best model is near w = 1
    List<double[]> measured = new ArrayList<>();
    TrainingListener record = new TrainingListener() {
      @Override
      public void onIterate(int step, double trainLoss, TrainingState state, double seconds) {}

      @Override
      public void onValidation(int step, double heldOutRmse) {
        measured.add(new double[] {step, heldOutRmse});
      }
    };
    try (Objective train = oneEntry(2); Objective heldOut = oneEntry(1)) {
      DeepFactorization start = Initialization.GAUSSIAN.create(new FactorShapes(1, 1, 2, 1), 0.1, 1);
      StoppingRule rule = new StoppingRule(100_000, 0, new ValidationStopping(heldOut, 1, 20));
      TrainingResult result = new Trainer(rule, record).train(start.copy(), train, new GradientDescent(0.01));

      assertEquals(StoppingRule.Reason.VALIDATION_PATIENCE, result.reason());
      double best = measured.stream().mapToDouble(m -> m[1]).min().orElseThrow();
      assertEquals(best, result.validationRmse(), 0.0);
      assertEquals(best, Metrics.rmse(result.model(), heldOut), 1e-15, "the returned model is the best one");
      assertTrue(result.bestStep() < result.steps());
      assertEquals(20, result.steps() - result.bestStep(), "stopped after 20 measurements without improvement");
      assertTrue(Math.abs(result.model().endToEnd().get(0, 0) - 1) < 0.02, "w at the best step near 1");
    }
  }

  @Test
  void theHeldOutSplitDependsOnTheEntriesNotOnTheirBlocks() {
    HeldOutSplit split = new HeldOutSplit(0.2, 7);
    EntryBlockBuilder all = new EntryBlockBuilder();
    for (int i = 0; i < 100; i++) {
      for (int j = 0; j < 50; j++) {
        all.add(i, j, i + j);
      }
    }
    EntryBlock whole = all.build();
    EntryBlock heldOut = split.part(whole, true);
    assertEquals(0.2, heldOut.size() / (double) whole.size(), 0.02);
    assertEquals(whole.size(), heldOut.size() + split.part(whole, false).size());
    int inBlocks = 0;
    for (EntryBlock block : whole.split(37)) {
      EntryBlock part = split.part(block, true);
      for (int e = 0; e < part.size(); e++) {
        assertTrue(split.isHeldOut(part.row(e), part.col(e)));
      }
      inBlocks += part.size();
    }
    assertEquals(heldOut.size(), inBlocks);
  }

  private static RatingsFit.Stage stage(DeepFactorization model, double reg, double rmse) {
    return new RatingsFit.Stage(2, reg,
        new TrainingResult(model, 10, 0, StoppingRule.Reason.VALIDATION_PATIENCE, 0, 5, rmse));
  }

  @Test
  void thePenaltyPathKeepsTheBestStageAndEndsAfterTwoWorseOnes() {
    // held-out RMSE by penalty: best at 0.15, then worse twice: 0.078 and below are never tried
    double[] path = {0.3, 0.21, 0.15, 0.11, 0.078, 0.056};
    double[] rmse = {0.90, 0.85, 0.80, 0.81, 0.82, 0.70};
    List<Double> tried = new ArrayList<>();
    List<RatingsFit.Stage> stages = new ArrayList<>();
    DeepFactorization start = Initialization.GAUSSIAN.create(new FactorShapes(2, 2, 2, 1), 0.1, 1);
    int best = RatingsFit.path((model, reg) -> {
      tried.add(reg);
      int k = tried.size() - 1;
      return stage(model, reg, rmse[k]);
    }, start, path, stages);
    assertEquals(List.of(0.3, 0.21, 0.15, 0.11, 0.078), tried);
    assertEquals(2, best);
    assertEquals(0.15, stages.get(best).regParam());
  }
}
