package io.sparkdmf.core.train;

/** Told about every iterate: for progress logs, history files and diagnostics. */
@FunctionalInterface
public interface TrainingListener {

  /**
   * @param step how many updates produced the current point (0 for the initial point)
   * @param trainLoss the train loss at the current point
   * @param state the model being trained; read it now, it changes after the call
   * @param secondsSoFar wall time since training (or this resumed part of it) began
   */
  void onIterate(int step, double trainLoss, TrainingState state, double secondsSoFar);

  /** The held-out RMSE of early stopping, after the {@link #onIterate} of the same step. */
  default void onValidation(int step, double heldOutRmse) {}

  TrainingListener NONE = (step, loss, state, seconds) -> {};
}
