package io.sparkdmf.core.train;

import io.sparkdmf.core.objective.Objective;

/**
 * Early stopping on held-out entries: every {@code every} steps the RMSE on {@code heldOut} is measured;
 * training stops once {@code patience} measurements in a row have not improved on the best by more
 * than a relative {@link #MIN_IMPROVEMENT}, and the best model is the result. The held-out entries
 * must be scaled as the training entries are (residuals, when biases were taken off).
 */
public record ValidationStopping(Objective heldOut, int every, int patience) {

  /** A smaller relative gain does not count as an improvement, so a flat tail does not run on forever. */
  public static final double MIN_IMPROVEMENT = 1e-4;

  public ValidationStopping {
    if (every < 1 || patience < 1) {
      throw new IllegalArgumentException("validation interval and patience must be at least 1, got " + every
          + " and " + patience);
    }
    if (heldOut.size() == 0) {
      throw new IllegalArgumentException("early stopping needs held-out entries, got none");
    }
  }
}
