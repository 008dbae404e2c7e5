package io.sparkdmf.core.train;

/**
 * When training stops: once the train loss is at or below {@code trainLossThreshold} (1e-6 in the
 * reference experiments), or after {@code maxSteps} updates.
 */
public record StoppingRule(int maxSteps, double trainLossThreshold) {

  public StoppingRule {
    if (maxSteps < 0) {
      throw new IllegalArgumentException("max steps must not be negative, got " + maxSteps);
    }
    if (Double.isNaN(trainLossThreshold) || trainLossThreshold < 0) {
      throw new IllegalArgumentException("train threshold must be >= 0, got " + trainLossThreshold);
    }
  }

  /** Why a run stopped. */
  public enum Reason { TRAIN_THRESHOLD, MAX_STEPS }
}
