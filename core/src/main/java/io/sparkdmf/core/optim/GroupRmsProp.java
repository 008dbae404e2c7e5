package io.sparkdmf.core.optim;

/**
 * The reference optimizer of Arora et al.: one global step lr / (sqrt(s_hat) + eps) for all factors,
 * where s is an exponential average of the total squared gradient norm (bias-corrected), and the
 * direction is the plain gradient (docs/maths.md §1).
 */
public final class GroupRmsProp extends Optimizer {
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
  public boolean usesGradientNorm() {
    return true;
  }

  @Override
  public ElementwiseUpdate next(double gradientSquaredNorm) {
    average = decay * average + (1 - decay) * gradientSquaredNorm;
    decayPower *= decay;
    double corrected = average / (1 - decayPower);
    double stepSize = learningRate / (Math.sqrt(corrected) + epsilon);
    return (w, g, slots, from, length) -> {
      for (int i = from; i < from + length; i++) {
        w[i] -= stepSize * g[i];
      }
    };
  }

  @Override
  public double[] scalarState() {
    return new double[] {average, decayPower};
  }

  @Override
  public void restoreScalarState(double[] state) {
    checkLength(state, 2);
    average = state[0];
    decayPower = state[1];
  }
}
