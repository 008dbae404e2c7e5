package io.sparkdmf.core.train;

import io.sparkdmf.core.checkpoint.CheckpointStore;
import io.sparkdmf.core.model.DeepFactorization;
import io.sparkdmf.core.objective.Objective;
import io.sparkdmf.core.optim.Optimizer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The solver loop: evaluates the loss, reports it, stops by a {@link StoppingRule}, otherwise steps;
 * writes a checkpoint every {@code checkpointEvery} steps when given a store. It knows nothing of
 * what the data is or where the model lives ({@link TrainingState} does), and the model knows nothing
 * of how it is trained.
 */
public final class Trainer {
  private static final Logger LOG = LoggerFactory.getLogger(Trainer.class);
  private final StoppingRule stoppingRule;
  private final TrainingListener listener;
  private final CheckpointStore checkpoints;
  private final int checkpointEvery;

  public Trainer(StoppingRule stoppingRule, TrainingListener listener) {
    this(stoppingRule, listener, null, 0);
  }

  /** @param checkpoints where to write checkpoints, or null for none */
  public Trainer(StoppingRule stoppingRule, TrainingListener listener, CheckpointStore checkpoints,
      int checkpointEvery) {
    if (checkpoints != null && checkpointEvery < 1) {
      throw new IllegalArgumentException("checkpoint interval must be at least 1 step, got " + checkpointEvery);
    }
    this.stoppingRule = stoppingRule;
    this.listener = listener;
    this.checkpoints = checkpoints;
    this.checkpointEvery = checkpointEvery;
  }

  /** A run of {@link #fit}: its result and the step it resumed from (0 when it started afresh). */
  public record Fit(TrainingResult result, int resumedFrom) {}

  /**
   * Trains {@code data} from {@code start}, or from the newest checkpoint in this trainer's store when
   * there is one.
   */
  public Fit fit(TrainData data, DeepFactorization start, Optimizer optimizer) {
    try (TrainingState state = data.start(start, optimizer)) {
      int firstStep = state.resumeFrom(checkpoints);
      if (firstStep > 0) {
        LOG.info("resumed from the checkpoint of step {} in {}", firstStep, checkpoints.location());
      }
      return new Fit(train(state, firstStep), firstStep);
    }
  }

  /** Trains a driver-held {@code model} in place with {@code optimizer}. */
  public TrainingResult train(DeepFactorization model, Objective objective, Optimizer optimizer) {
    try (DriverTrainingState state = new DriverTrainingState(model, objective, optimizer)) {
      return train(state, 0);
    }
  }

  /**
   * Trains from {@code firstStep} (0, or the step of the checkpoint {@code state} was loaded from).
   *
   * @throws DivergenceException when the loss stops being finite; the state is then back at the last
   *     point with a finite loss
   */
  public TrainingResult train(TrainingState state, int firstStep) {
    long start = System.nanoTime();
    double keptLoss = Double.NaN;
    BestModel best = stoppingRule.validation() == null ? null : new BestModel(stoppingRule.validation());
    for (int step = firstStep; ; step++) {
      if (checkpoints != null && step > firstStep && step % checkpointEvery == 0) {
        state.writeCheckpoint(checkpoints, step);
      }
      double loss = state.evaluate();
      if (!Double.isFinite(loss)) {
        if (step > firstStep) {
          state.restoreKept();
        }
        throw new DivergenceException(step, step - 1, keptLoss);
      }
      listener.onIterate(step, loss, state, (System.nanoTime() - start) / 1e9);
      StoppingRule.Reason reason = loss <= stoppingRule.trainLossThreshold() ? StoppingRule.Reason.TRAIN_THRESHOLD
          : step >= stoppingRule.maxSteps() ? StoppingRule.Reason.MAX_STEPS : null;
      if (best != null) {
        double rmse = best.offer(step, state.model(), reason != null);
        if (!Double.isNaN(rmse)) {
          listener.onValidation(step, rmse);
        }
        if (reason == null && best.patienceLost()) {
          reason = StoppingRule.Reason.VALIDATION_PATIENCE;
        }
      }
      if (reason != null) {
        double seconds = (System.nanoTime() - start) / 1e9;
        return best == null ? new TrainingResult(state.model(), step, loss, reason, seconds)
            : new TrainingResult(best.model(), step, loss, reason, seconds, best.step(), best.rmse());
      }
      state.keep();
      keptLoss = loss;
      state.step();
    }
  }
}
