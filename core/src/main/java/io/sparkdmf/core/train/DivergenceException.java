package io.sparkdmf.core.train;

/**
 * The train loss became NaN or infinite. Says at which step, and the last finite loss and its step;
 * the trainer has restored the last kept iterate before throwing.
 */
public final class DivergenceException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final int lastFiniteStep;
  private final double lastFiniteLoss;

  public DivergenceException(int step, int lastFiniteStep, double lastFiniteLoss) {
    super("training diverged: the train loss is not finite at step " + step
        + " (last finite loss " + lastFiniteLoss + " at step " + lastFiniteStep
        + "); a smaller learning rate or initialization scale may help");
    this.lastFiniteStep = lastFiniteStep;
    this.lastFiniteLoss = lastFiniteLoss;
  }

  public int lastFiniteStep() {
    return lastFiniteStep;
  }

  public double lastFiniteLoss() {
    return lastFiniteLoss;
  }
}
