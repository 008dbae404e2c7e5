package io.sparkdmf.core.train;

import io.sparkdmf.core.checkpoint.CheckpointStore;
import io.sparkdmf.core.checkpoint.StateFile;
import io.sparkdmf.core.linalg.Matrix;
import io.sparkdmf.core.model.DeepFactorization;
import io.sparkdmf.core.objective.Evaluation;
import io.sparkdmf.core.objective.Objective;
import io.sparkdmf.core.optim.Optimizer;
import io.sparkdmf.core.sharpness.GradientDifferenceSharpness;
import java.util.List;

/**
 * A model held on the driver, fitted through an {@link Objective} (whose data may be local or in an
 * RDD with the factors broadcast each step). The model is updated in place.
 */
public final class DriverTrainingState implements TrainingState {
  /** Lanczos steps per sharpness estimate; warm starts make a few enough (measured in docs/benchmarks.md). */
  private static final int SHARPNESS_ITERATIONS = 5;
  private final DeepFactorization model;
  private final Objective objective;
  private final Optimizer optimizer;
  private Evaluation evaluation;
  private DeepFactorization kept;

  public DriverTrainingState(DeepFactorization model, Objective objective, Optimizer optimizer) {
    this.model = model;
    this.objective = objective;
    this.optimizer = optimizer;
    if (optimizer.needsSharpness()) {
      optimizer.useSharpnessProbe(new GradientDifferenceSharpness(objective, model, SHARPNESS_ITERATIONS));
    }
  }

  @Override
  public double evaluate() {
    evaluation = objective.evaluate(model);
    return evaluation.loss();
  }

  @Override
  public void step() {
    optimizer.step(model.factors(), evaluation.gradients());
    evaluation = null;
  }

  @Override
  public void keep() {
    if (kept == null) {
      kept = model.copy();
    } else {
      kept.assign(model);
    }
  }

  @Override
  public void restoreKept() {
    model.assign(kept);
  }

  @Override
  public DeepFactorization model() {
    return model;
  }

  @Override
  public boolean modelOnDriver() {
    return true;
  }

  @Override
  public void writeCheckpoint(CheckpointStore store, int step) {
    store.write(step, directory -> {
      StateFile state = new StateFile();
      ModelCheckpoint.putFactors(state, model.factors());
      ModelCheckpoint.putOptimizer(state, optimizer);
      try (var out = directory.file(ModelCheckpoint.DRIVER_STATE)) {
        state.write(out);
      }
    });
  }

  @Override
  public void readCheckpoint(CheckpointStore store, int step) {
    StateFile state = store.readState(step, ModelCheckpoint.DRIVER_STATE);
    List<Matrix> factors = ModelCheckpoint.factors(state, model.factors());
    model.assign(new DeepFactorization(factors));
    ModelCheckpoint.restoreOptimizer(state, optimizer, model.factors());
  }

  @Override
  public void close() {
    // the objective belongs to the caller
  }
}
