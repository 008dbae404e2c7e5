package io.sparkdmf.core.optim;

import io.sparkdmf.core.linalg.Matrix;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * A first-order method, split in two so parameters can live anywhere: {@link #next} advances the
 * optimizer's few global scalars (step count, running gradient norm) on the driver and returns the
 * {@link ElementwiseUpdate} of this step; the update runs wherever the parameters are, with the
 * per-entry state ("slots", {@link #slotCount()} arrays per parameter) kept beside them.
 * {@link #step} does both for parameters held on the driver and keeps their slots here.
 */
public abstract class Optimizer {
  private final List<double[][]> driverSlots = new ArrayList<>();

  /** Per-entry state arrays each parameter needs (none unless overridden; Adam needs 2). */
  public int slotCount() {
    return 0;
  }

  /** Whether {@link #next} needs the squared norm of the whole gradient (else it gets NaN). */
  public boolean usesGradientNorm() {
    return false;
  }

  /** Whether this optimizer reads the Hessian's lambda_max (then the trainer gives it a probe). */
  public boolean needsSharpness() {
    return false;
  }

  /** Gives a sharpness-reading optimizer its probe; ignored by the others. */
  public void useSharpnessProbe(SharpnessProbe probe) {}

  /** Advances the global state by one step and returns that step's per-entry update. */
  public abstract ElementwiseUpdate next(double gradientSquaredNorm);

  /** The global scalars, for checkpoints (none unless overridden). */
  public double[] scalarState() {
    return new double[0];
  }

  public void restoreScalarState(double[] state) {
    checkLength(state, 0);
  }

  static void checkLength(double[] state, int expected) {
    if (state.length != expected) {
      throw new IllegalArgumentException("optimizer state has " + state.length + " values, expected " + expected);
    }
  }

  /** One step for parameters held on the driver: moves them in place against their gradients. */
  public final void step(List<Matrix> parameters, List<Matrix> gradients) {
    double norm = Double.NaN;
    if (usesGradientNorm()) {
      norm = 0.0;
      for (Matrix g : gradients) {
        norm += g.frobeniusNormSquared();
      }
    }
    apply(next(norm), parameters, gradients);
  }

  /** Applies an update returned by {@link #next} to driver-held parameters. */
  public final void apply(ElementwiseUpdate update, List<Matrix> parameters, List<Matrix> gradients) {
    if (driverSlots.isEmpty()) {
      for (Matrix p : parameters) {
        double[][] slots = new double[slotCount()][];
        for (int s = 0; s < slots.length; s++) {
          slots[s] = new double[p.data().length];
        }
        driverSlots.add(slots);
      }
    }
    for (int k = 0; k < parameters.size(); k++) {
      double[] w = parameters.get(k).data();
      update.apply(w, gradients.get(k).data(), driverSlots.get(k), 0, w.length);
    }
  }

  /** The slots of the driver-held parameters (empty before the first step), for checkpoints. */
  public final List<double[][]> driverSlots() {
    return driverSlots;
  }

  public final void restoreDriverSlots(List<double[][]> slots) {
    driverSlots.clear();
    for (double[][] s : slots) {
      driverSlots.add(Arrays.stream(s).map(double[]::clone).toArray(double[][]::new));
    }
  }

  /** The kinds users choose from on the command line. */
  public enum Kind {
    GD, MOMENTUM, GROUPRMSPROP, ADAM, SHARPNESS;

    public static Kind parse(String name) {
      try {
        return valueOf(name.trim().toUpperCase(Locale.ROOT).replace("-", ""));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(
            "unknown optimizer '" + name + "' (expected gd, momentum, grouprmsprop, adam or sharpness)");
      }
    }

    /** The optimizer; for {@link #SHARPNESS} the learning rate is the largest step allowed. */
    public Optimizer create(double learningRate) {
      if (!(learningRate > 0) || !Double.isFinite(learningRate)) {
        throw new IllegalArgumentException("learning rate must be a positive number, got " + learningRate);
      }
      return switch (this) {
        case GD -> new GradientDescent(learningRate);
        case MOMENTUM -> new Momentum(learningRate);
        case GROUPRMSPROP -> new GroupRmsProp(learningRate);
        case ADAM -> new Adam(learningRate);
        case SHARPNESS -> new SharpnessAwareStep(SharpnessAwareStep.DEFAULT_FRACTION, SharpnessAwareStep.DEFAULT_EVERY,
            learningRate);
      };
    }
  }
}
