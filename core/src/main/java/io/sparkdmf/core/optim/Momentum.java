package io.sparkdmf.core.optim;

/**
 * Heavy-ball momentum: b <- mu b + g, W <- W - lr b, with mu = 0.9. On the ill-conditioned
 * large-data problems it reaches a given loss in far fewer epochs than plain gradient descent.
 */
final class Momentum extends Optimizer {
  public static final double DEFAULT_MOMENTUM = 0.9;

  private final double learningRate;
  private final double momentum;

  public Momentum(double learningRate) {
    this(learningRate, DEFAULT_MOMENTUM);
  }

  public Momentum(double learningRate, double momentum) {
    this.learningRate = learningRate;
    this.momentum = momentum;
  }

  @Override
  public int slotCount() {
    return 1;
  }

  @Override
  public ElementwiseUpdate next(double gradientSquaredNorm) {
    double lr = learningRate;
    double mu = momentum;
    return (w, g, slots, from, length) -> {
      double[] velocity = slots[0];
      for (int i = from; i < from + length; i++) {
        velocity[i] = mu * velocity[i] + g[i];
        w[i] -= lr * velocity[i];
      }
    };
  }
}
