package io.sparkdmf.core.optim;

import io.sparkdmf.core.linalg.Matrix;
import java.util.List;

/** W_k <- W_k - lr * dL/dW_k. */
public final class GradientDescent implements Optimizer {
  private final double learningRate;

  public GradientDescent(double learningRate) {
    this.learningRate = learningRate;
  }

  @Override
  public void step(List<Matrix> parameters, List<Matrix> gradients) {
    for (int k = 0; k < parameters.size(); k++) {
      parameters.get(k).addScaled(-learningRate, gradients.get(k));
    }
  }
}
