package io.sparkdmf.core.optim;

import io.sparkdmf.core.linalg.Matrix;
import java.util.ArrayList;
import java.util.List;

/** Adam (Kingma and Ba) with per-entry moments and bias correction, the usual defaults. */
public final class Adam implements Optimizer {
  private static final double BETA1 = 0.9;
  private static final double BETA2 = 0.999;
  private static final double EPSILON = 1e-8;

  private final double learningRate;
  private final List<double[]> firstMoments = new ArrayList<>();
  private final List<double[]> secondMoments = new ArrayList<>();
  private double beta1Power = 1.0;
  private double beta2Power = 1.0;

  public Adam(double learningRate) {
    this.learningRate = learningRate;
  }

  @Override
  public void step(List<Matrix> parameters, List<Matrix> gradients) {
    if (firstMoments.isEmpty()) {
      for (Matrix p : parameters) {
        firstMoments.add(new double[p.data().length]);
        secondMoments.add(new double[p.data().length]);
      }
    }
    beta1Power *= BETA1;
    beta2Power *= BETA2;
    double stepSize = learningRate * Math.sqrt(1 - beta2Power) / (1 - beta1Power);
    for (int k = 0; k < parameters.size(); k++) {
      double[] w = parameters.get(k).data();
      double[] g = gradients.get(k).data();
      double[] m = firstMoments.get(k);
      double[] v = secondMoments.get(k);
      for (int i = 0; i < w.length; i++) {
        m[i] = BETA1 * m[i] + (1 - BETA1) * g[i];
        v[i] = BETA2 * v[i] + (1 - BETA2) * g[i] * g[i];
        w[i] -= stepSize * m[i] / (Math.sqrt(v[i]) + EPSILON * Math.sqrt(1 - beta2Power));
      }
    }
  }
}
