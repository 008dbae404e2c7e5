package io.sparkdmf.core.optim;

import io.sparkdmf.core.linalg.Matrix;
import java.util.List;

/**
 * The reference optimizer of Arora et al.: one global step lr / (sqrt(s_hat) + eps) for all factors,
 * where s is an exponential average of the total squared gradient norm (bias-corrected), and the
 * direction is the plain gradient (maths.md section 1).
 */
public final class GroupRmsProp implements Optimizer {
  public static final double DEFAULT_DECAY = 0.99;
  public static final double DEFAULT_EPSILON = 1e-4;

  private final double learningRate;
  private final double decay;
  private final double epsilon;
  private double average;
  private double decayPower = 1.0;

  public GroupRmsProp(double learningRate) {
    this(learningRate, DEFAULT_DECAY, DEFAULT_EPSILON);
  }

  public GroupRmsProp(double learningRate, double decay, double epsilon) {
    this.learningRate = learningRate;
    this.decay = decay;
    this.epsilon = epsilon;
  }

  @Override
  public void step(List<Matrix> parameters, List<Matrix> gradients) {
    average = decay * average + (1 - decay) * squaredNorm(gradients);
    decayPower *= decay;
    double corrected = average / (1 - decayPower);
    double stepSize = learningRate / (Math.sqrt(corrected) + epsilon);
    for (int k = 0; k < parameters.size(); k++) {
      parameters.get(k).addScaled(-stepSize, gradients.get(k));
    }
  }

  private static double squaredNorm(List<Matrix> gradients) {
    double sum = 0.0;
    for (Matrix g : gradients) {
      sum += g.frobeniusNormSquared();
    }
    return sum;
  }
}
