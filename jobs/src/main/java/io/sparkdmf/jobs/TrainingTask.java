package io.sparkdmf.jobs;

import io.sparkdmf.core.train.TrainData;
import io.sparkdmf.core.linalg.Matrix;
import io.sparkdmf.core.model.DeepFactorization;
import io.sparkdmf.core.objective.Objective;
import io.sparkdmf.data.AtomicOutputDirectory;
import java.io.IOException;
import java.util.Optional;

/**
 * What a training job hands to {@link TrainingRun}: the matrix size, train data routed to an engine,
 * optional held-out data, the ground truth when known, and any task-specific output.
 *
 * @param sizeName the metrics key for the number of training data ("observed", "measurements")
 * @param test held-out data, or null
 */
record TrainingTask(int rows, int cols, TrainData train, Objective test, Optional<Matrix> truth,
    String sizeName, ExtraOutput extraOutput) implements AutoCloseable {

  /** Files a task adds to the output beside the common ones (e.g. predictions.csv). */
  @FunctionalInterface
  interface ExtraOutput {
    void write(DeepFactorization model, AtomicOutputDirectory output) throws IOException;

    ExtraOutput NONE = (model, output) -> {};
  }

  @Override
  public void close() {
    train.close();
    if (test != null) {
      test.close();
    }
  }
}
