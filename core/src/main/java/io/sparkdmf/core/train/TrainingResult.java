package io.sparkdmf.core.train;

import io.sparkdmf.core.model.DeepFactorization;

/**
 * The model training returns, how many updates were made, the last train loss, why training stopped and
 * how long it took; with early stopping, the model is the one of {@code bestStep}, whose held-out RMSE
 * is {@code validationRmse} (-1 and NaN without).
 */
public record TrainingResult(DeepFactorization model, int steps, double trainLoss, StoppingRule.Reason reason,
    double seconds, int bestStep, double validationRmse) {

  /** The result of a run without early stopping: its last iterate. */
  public TrainingResult(DeepFactorization model, int steps, double trainLoss, StoppingRule.Reason reason,
      double seconds) {
    this(model, steps, trainLoss, reason, seconds, -1, Double.NaN);
  }

  public double secondsPerStep() {
    return steps == 0 ? 0.0 : seconds / steps;
  }
}
