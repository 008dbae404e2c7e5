package io.sparkdmf.core.train;

import io.sparkdmf.core.model.DeepFactorization;

/** Told about every iterate: for progress logs, history files and diagnostics. */
@FunctionalInterface
public interface TrainingListener {

  /**
   * @param step how many updates produced {@code model} (0 for the initial point)
   * @param trainLoss the train loss at {@code model}
   * @param model the current iterate; read it now, it changes after the call
   * @param secondsSoFar wall time since training began
   */
  void onIterate(int step, double trainLoss, DeepFactorization model, double secondsSoFar);

  TrainingListener NONE = (step, loss, model, seconds) -> {};
}
