package io.sparkdmf.core.train;

import io.sparkdmf.core.metrics.Metrics;
import io.sparkdmf.core.model.DeepFactorization;

/** The model with the lowest held-out RMSE so far and how many measurements have passed since. */
final class BestModel {
  private final ValidationStopping rule;
  private DeepFactorization model;
  private double rmse = Double.POSITIVE_INFINITY;
  /** The RMSE at the last measurement that counted as an improvement: small gains add up against it. */
  private double reference = Double.POSITIVE_INFINITY;
  private int step = -1;
  private int sinceBest;

  BestModel(ValidationStopping rule) {
    this.rule = rule;
  }

  /** Measures {@code candidate} (the model after {@code step} updates) when it is time to; returns the RMSE or NaN. */
  double offer(int step, DeepFactorization candidate, boolean last) {
    if (step % rule.every() != 0 && !last) {
      return Double.NaN;
    }
    double measured = Metrics.rmse(candidate, rule.heldOut());
    if (measured < rmse) {
      model = candidate.copy();
      rmse = measured;
      this.step = step;
    }
    if (measured < reference * (1 - ValidationStopping.MIN_IMPROVEMENT)) {
      reference = measured;
      sinceBest = 0;
    } else {
      sinceBest++;
    }
    return measured;
  }

  boolean patienceLost() {
    return sinceBest >= rule.patience();
  }

  DeepFactorization model() {
    return model;
  }

  double rmse() {
    return rmse;
  }

  int step() {
    return step;
  }
}
