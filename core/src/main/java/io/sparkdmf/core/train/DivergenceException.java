package io.sparkdmf.core.train;

import io.sparkdmf.core.model.DeepFactorization;

/**
 * The train loss became NaN or infinite. Carries the last iterate whose loss was finite, so a caller
 * can still inspect or save it.
 */
public final class DivergenceException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final transient DeepFactorization lastFiniteModel;
  private final int lastFiniteStep;
  private final double lastFiniteLoss;

  public DivergenceException(int step, DeepFactorization lastFiniteModel, int lastFiniteStep,
      double lastFiniteLoss) {
    super("training diverged: the train loss is not finite at step " + step
        + " (last finite loss " + lastFiniteLoss + " at step " + lastFiniteStep
        + "); try a smaller --lr or --init-scale");
    this.lastFiniteModel = lastFiniteModel;
    this.lastFiniteStep = lastFiniteStep;
    this.lastFiniteLoss = lastFiniteLoss;
  }

  public DeepFactorization lastFiniteModel() {
    return lastFiniteModel;
  }

  public int lastFiniteStep() {
    return lastFiniteStep;
  }

  public double lastFiniteLoss() {
    return lastFiniteLoss;
  }
}
