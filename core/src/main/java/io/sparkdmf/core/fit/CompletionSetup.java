package io.sparkdmf.core.fit;

import io.sparkdmf.core.engine.EngineChoice;
import io.sparkdmf.core.engine.Parallelism;
import io.sparkdmf.core.penalty.FactorPenalty;

/**
 * How entries are prepared for training.
 *
 * @param width the factors' hidden width (the engine choice weighs the factors' size)
 * @param regParam weight of the {@link FactorPenalty} (0: the implicit regularization alone)
 * @param biasRegParam ridge weight of a bias per row and column fitted first, or NaN for no biases
 */
public record CompletionSetup(int width, EngineChoice engine, Parallelism parallelism, double regParam,
    double biasRegParam) {

  public CompletionSetup {
    FactorPenalty.requireValidWeight(regParam);
    if (!Double.isNaN(biasRegParam) && !(biasRegParam >= 0 && biasRegParam < Double.POSITIVE_INFINITY)) {
      throw new IllegalArgumentException("the bias penalty must be finite and >= 0, got " + biasRegParam);
    }
  }

  public boolean fitsBiases() {
    return !Double.isNaN(biasRegParam);
  }
}
