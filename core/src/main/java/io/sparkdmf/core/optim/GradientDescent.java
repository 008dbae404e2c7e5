package io.sparkdmf.core.optim;

/** W_k <- W_k - lr * dL/dW_k. */
public final class GradientDescent extends Optimizer {
  private final double learningRate;

  public GradientDescent(double learningRate) {
    this.learningRate = learningRate;
  }

  @Override
  public ElementwiseUpdate next(double gradientSquaredNorm) {
    double lr = learningRate;
    return (w, g, slots, from, length) -> {
      for (int i = from; i < from + length; i++) {
        w[i] -= lr * g[i];
      }
    };
  }
}
