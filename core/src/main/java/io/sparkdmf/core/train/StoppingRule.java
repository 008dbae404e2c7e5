package io.sparkdmf.core.train;

/**
 * When training stops: once the train loss is at or below {@code trainLossThreshold} (1e-6 in the
 * reference experiments), after {@code maxSteps} updates, or, with a {@link ValidationStopping}, once
 * the held-out RMSE has not improved for its patience; a run with validation returns the model of its
 * best validation RMSE, not the last.
 *
 * @param validation early stopping on held-out entries, or null for none
 */
public record StoppingRule(int maxSteps, double trainLossThreshold, ValidationStopping validation) {

  public StoppingRule {
    if (maxSteps < 0) {
      throw new IllegalArgumentException("max steps must not be negative, got " + maxSteps);
    }
    if (Double.isNaN(trainLossThreshold) || trainLossThreshold < 0) {
      throw new IllegalArgumentException("train threshold must be >= 0, got " + trainLossThreshold);
    }
  }

  public StoppingRule(int maxSteps, double trainLossThreshold) {
    this(maxSteps, trainLossThreshold, null);
  }

  /** Why a run stopped. */
  public enum Reason { TRAIN_THRESHOLD, MAX_STEPS, VALIDATION_PATIENCE }
}
