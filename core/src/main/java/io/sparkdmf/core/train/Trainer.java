package io.sparkdmf.core.train;

import io.sparkdmf.core.model.DeepFactorization;
import io.sparkdmf.core.objective.Evaluation;
import io.sparkdmf.core.objective.Objective;
import io.sparkdmf.core.optim.Optimizer;

/**
 * The solver: evaluates loss and gradients through an {@link Objective}, moves the model with an
 * {@link Optimizer}, and stops by a {@link StoppingRule}. It knows nothing of what the data is or
 * where it lives, and the model knows nothing of how it is trained.
 */
public final class Trainer {
  private final Optimizer optimizer;
  private final StoppingRule stoppingRule;
  private final TrainingListener listener;

  public Trainer(Optimizer optimizer, StoppingRule stoppingRule, TrainingListener listener) {
    this.optimizer = optimizer;
    this.stoppingRule = stoppingRule;
    this.listener = listener;
  }

  /**
   * Trains {@code model} in place.
   *
   * @throws DivergenceException when the loss stops being finite; {@code model} is then left at the
   *     last iterate with a finite loss
   */
  public TrainingResult train(DeepFactorization model, Objective objective) {
    long start = System.nanoTime();
    DeepFactorization previous = null;
    double previousLoss = Double.NaN;
    for (int step = 0; ; step++) {
      Evaluation evaluation = objective.evaluate(model);
      double loss = evaluation.loss();
      if (!Double.isFinite(loss)) {
        if (previous != null) {
          model.assign(previous);
        }
        throw new DivergenceException(step, model, step - 1, previousLoss);
      }
      double seconds = (System.nanoTime() - start) / 1e9;
      listener.onIterate(step, loss, model, seconds);
      if (loss <= stoppingRule.trainLossThreshold()) {
        return new TrainingResult(model, step, loss, StoppingRule.Reason.TRAIN_THRESHOLD, seconds);
      }
      if (step >= stoppingRule.maxSteps()) {
        return new TrainingResult(model, step, loss, StoppingRule.Reason.MAX_STEPS, seconds);
      }
      if (previous == null) {
        previous = model.copy();
      } else {
        previous.assign(model);
      }
      previousLoss = loss;
      optimizer.step(model.factors(), evaluation.gradients());
    }
  }
}
