package io.sparkdmf.core.train;

import io.sparkdmf.core.model.DeepFactorization;
import io.sparkdmf.core.objective.Objective;
import io.sparkdmf.core.optim.Optimizer;

/** Training data already routed to an engine, ready to start training a model on it. */
public interface TrainData extends AutoCloseable {

  /** Number of entries or measurements. */
  long size();

  /** "local", "spark" or "blocked", for logs and metrics.json. */
  String engineName();

  /** The training state for {@code initial}; the caller closes it. */
  TrainingState start(DeepFactorization initial, Optimizer optimizer);

  @Override
  void close();

  /** Data behind an {@link Objective}: the model stays on the driver (local or broadcast engine). */
  static TrainData of(Objective objective) {
    return new TrainData() {
      @Override
      public long size() {
        return objective.size();
      }

      @Override
      public String engineName() {
        return objective.engineName();
      }

      @Override
      public TrainingState start(DeepFactorization initial, Optimizer optimizer) {
        return new DriverTrainingState(initial, objective, optimizer);
      }

      @Override
      public void close() {
        objective.close();
      }
    };
  }
}
