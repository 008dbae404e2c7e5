package io.sparkdmf.core.optim;

/** Adam (Kingma and Ba) with per-entry moments and bias correction, the usual defaults. */
public final class Adam extends Optimizer {
  private static final double BETA1 = 0.9;
  private static final double BETA2 = 0.999;
  private static final double EPSILON = 1e-8;

  private final double learningRate;
  private double beta1Power = 1.0;
  private double beta2Power = 1.0;

  public Adam(double learningRate) {
    this.learningRate = learningRate;
  }

  @Override
  public int slotCount() {
    return 2;
  }

  @Override
  public ElementwiseUpdate next(double gradientSquaredNorm) {
    beta1Power *= BETA1;
    beta2Power *= BETA2;
    double stepSize = learningRate * Math.sqrt(1 - beta2Power) / (1 - beta1Power);
    double epsilon = EPSILON * Math.sqrt(1 - beta2Power);
    return (w, g, slots, from, length) -> {
      double[] m = slots[0];
      double[] v = slots[1];
      for (int i = from; i < from + length; i++) {
        m[i] = BETA1 * m[i] + (1 - BETA1) * g[i];
        v[i] = BETA2 * v[i] + (1 - BETA2) * g[i] * g[i];
        w[i] -= stepSize * m[i] / (Math.sqrt(v[i]) + epsilon);
      }
    };
  }

  @Override
  public double[] scalarState() {
    return new double[] {beta1Power, beta2Power};
  }

  @Override
  public void restoreScalarState(double[] state) {
    checkLength(state, 2);
    beta1Power = state[0];
    beta2Power = state[1];
  }
}
