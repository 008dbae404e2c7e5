package io.sparkdmf.core.train;

import io.sparkdmf.core.checkpoint.CheckpointException;
import io.sparkdmf.core.checkpoint.StateFile;
import io.sparkdmf.core.linalg.Matrix;
import io.sparkdmf.core.optim.Optimizer;
import java.util.ArrayList;
import java.util.List;

/** How factors and an optimizer's driver-side state are named inside a checkpoint's {@link StateFile}. */
public final class ModelCheckpoint {
  public static final String DRIVER_STATE = "driver.state";

  private ModelCheckpoint() {}

  /** Stores {@code factors} as "factor.1", "factor.2", ... with their shapes. */
  public static void putFactors(StateFile state, List<Matrix> factors) {
    for (int k = 0; k < factors.size(); k++) {
      Matrix w = factors.get(k);
      state.put("factor." + (k + 1) + ".shape", new double[] {w.rows(), w.cols()});
      state.put("factor." + (k + 1), w.data().clone());
    }
  }

  /** Reads the factors back, checking they have the shapes of {@code expected}. */
  public static List<Matrix> factors(StateFile state, List<Matrix> expected) {
    List<Matrix> factors = new ArrayList<>(expected.size());
    for (int k = 0; k < expected.size(); k++) {
      String name = "factor." + (k + 1);
      double[] shape = state.get(name + ".shape");
      Matrix like = expected.get(k);
      if (shape.length != 2 || shape[0] != like.rows() || shape[1] != like.cols()) {
        throw new CheckpointException("the checkpoint is for a different model: its " + name + " is not "
            + like.rows() + " x " + like.cols() + "; use another checkpoint directory or the options it was written with");
      }
      double[] values = state.get(name);
      if (values.length != like.rows() * like.cols()) {
        throw new CheckpointException("the checkpoint's " + name + " has " + values.length + " values");
      }
      factors.add(new Matrix(like.rows(), like.cols(), values));
    }
    if (state.has("factor." + (expected.size() + 1))) {
      throw new CheckpointException("the checkpoint is for a deeper model; use the depth it was written with");
    }
    return factors;
  }

  public static void putOptimizer(StateFile state, Optimizer optimizer) {
    state.put("optimizer.scalars", optimizer.scalarState());
    List<double[][]> slots = optimizer.driverSlots();
    for (int k = 0; k < slots.size(); k++) {
      for (int s = 0; s < slots.get(k).length; s++) {
        state.put("optimizer.slot." + k + "." + s, slots.get(k)[s].clone());
      }
    }
  }

  /** Restores the optimizer; its slots must match {@code parameters} entry for entry. */
  public static void restoreOptimizer(StateFile state, Optimizer optimizer, List<Matrix> parameters) {
    optimizer.restoreScalarState(state.get("optimizer.scalars"));
    if (optimizer.slotCount() == 0 || !state.has("optimizer.slot.0.0")) {
      return; // no slots, or checkpointed before the first step
    }
    List<double[][]> slots = new ArrayList<>(parameters.size());
    for (int k = 0; k < parameters.size(); k++) {
      double[][] perParameter = new double[optimizer.slotCount()][];
      for (int s = 0; s < perParameter.length; s++) {
        perParameter[s] = state.get("optimizer.slot." + k + "." + s);
        if (perParameter[s].length != parameters.get(k).data().length) {
          throw new CheckpointException("the checkpoint's optimizer state does not fit factor " + (k + 1));
        }
      }
      slots.add(perParameter);
    }
    optimizer.restoreDriverSlots(slots);
  }
}
