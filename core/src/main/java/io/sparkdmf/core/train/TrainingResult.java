package io.sparkdmf.core.train;

import io.sparkdmf.core.model.DeepFactorization;

/** The final iterate, how many updates led to it, its train loss, why training stopped and how long it took. */
public record TrainingResult(
    DeepFactorization model, int steps, double trainLoss, StoppingRule.Reason reason, double seconds) {

  public double secondsPerStep() {
    return steps == 0 ? 0.0 : seconds / steps;
  }
}
