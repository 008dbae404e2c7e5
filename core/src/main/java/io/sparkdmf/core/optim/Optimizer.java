package io.sparkdmf.core.optim;

import io.sparkdmf.core.linalg.Matrix;
import java.util.List;

/** A first-order method: moves the parameters in place, one step against their gradients. */
public interface Optimizer {

  void step(List<Matrix> parameters, List<Matrix> gradients);

  /** The kinds users choose from on the command line. */
  enum Kind {
    GD, GROUPRMSPROP, ADAM;

    public static Kind parse(String name) {
      try {
        return valueOf(name.trim().toUpperCase(java.util.Locale.ROOT).replace("-", ""));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(
            "unknown optimizer '" + name + "' (expected gd, grouprmsprop or adam)");
      }
    }

    public Optimizer create(double learningRate) {
      if (!(learningRate > 0) || !Double.isFinite(learningRate)) {
        throw new IllegalArgumentException("learning rate must be a positive number, got " + learningRate);
      }
      return switch (this) {
        case GD -> new GradientDescent(learningRate);
        case GROUPRMSPROP -> new GroupRmsProp(learningRate);
        case ADAM -> new Adam(learningRate);
      };
    }
  }
}
