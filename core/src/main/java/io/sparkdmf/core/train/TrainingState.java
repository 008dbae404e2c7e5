package io.sparkdmf.core.train;

import io.sparkdmf.core.checkpoint.CheckpointStore;
import io.sparkdmf.core.model.DeepFactorization;

/**
 * What the {@link Trainer} drives: a model wherever it lives (on the driver, or in blocks of an RDD),
 * the data it is fitted to and the optimizer's state. The trainer only asks for the loss, a step, a
 * way back to the last good point, and checkpoints.
 */
public interface TrainingState extends AutoCloseable {

  /** The loss at the current point; readies its gradient for {@link #step()}. */
  double evaluate();

  /** One optimizer step along the gradient readied by the last {@link #evaluate()}. */
  void step();

  /** Remembers the current point, whose loss was finite, as the one {@link #restoreKept()} returns to. */
  void keep();

  /** Returns to the last kept point. */
  void restoreKept();

  /** The current model on the driver: live for driver-held models, gathered (a copy) otherwise. */
  DeepFactorization model();

  /** Whether {@link #model()} is free (the model is held on the driver) rather than a gather. */
  boolean modelOnDriver();

  /** Writes the point and the optimizer's state as checkpoint {@code step}. */
  void writeCheckpoint(CheckpointStore store, int step);

  /** Loads checkpoint {@code step} written by a state of the same shapes. */
  void readCheckpoint(CheckpointStore store, int step);

  /**
   * Loads the newest checkpoint in {@code store}, if there is one, and returns its step: where training
   * resumes. Returns 0 for no store or an empty one (a scheduled run's first attempt).
   */
  default int resumeFrom(CheckpointStore store) {
    if (store == null || store.latestStep().isEmpty()) {
      return 0;
    }
    int step = store.latestStep().getAsInt();
    readCheckpoint(store, step);
    return step;
  }

  @Override
  void close();
}
