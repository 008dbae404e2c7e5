package io.sparkdmf.core.optim;

/**
 * Gradient descent whose step follows the curvature: every {@code every} steps it asks a
 * {@link SharpnessProbe} for lambda_max at the current iterate and sets the step to
 * {@code fraction * 2 / lambda_max} (GD is stable near a minimum iff step <= 2 / lambda_max,
 * maths.md section 4), capped at {@code maxStep} while the loss is still flat.
 */
public final class SharpnessAwareStep extends Optimizer {
  /** Half the stable step: a margin for the sharpness growing between estimates (docs/benchmarks.md). */
  public static final double DEFAULT_FRACTION = 0.5;
  public static final int DEFAULT_EVERY = 20;
  private final double fraction;
  private final int every;
  private final double maxStep;
  private SharpnessProbe probe;
  private long steps;
  private double step;
  private double sharpness = Double.NaN;

  public SharpnessAwareStep(double fraction, int every, double maxStep) {
    if (!(fraction > 0 && fraction < 1)) {
      throw new IllegalArgumentException("the fraction of 2/lambda_max must be in (0, 1), got " + fraction);
    }
    if (every < 1) {
      throw new IllegalArgumentException("sharpness must be estimated at least every step, got every " + every);
    }
    if (!(maxStep > 0) || !Double.isFinite(maxStep)) {
      throw new IllegalArgumentException("the largest step must be a positive number, got " + maxStep);
    }
    this.fraction = fraction;
    this.every = every;
    this.maxStep = maxStep;
    this.step = maxStep;
  }

  @Override
  public boolean needsSharpness() {
    return true;
  }

  @Override
  public void useSharpnessProbe(SharpnessProbe probe) {
    this.probe = probe;
  }

  /** The step in use. */
  public double currentStep() {
    return step;
  }

  /** The last lambda_max estimate (NaN before the first). */
  public double lastSharpness() {
    return sharpness;
  }

  @Override
  public ElementwiseUpdate next(double gradientSquaredNorm) {
    if (steps % every == 0) {
      if (probe == null) {
        throw new IllegalStateException("the sharpness-aware step was not given a sharpness probe");
      }
      sharpness = probe.largestEigenvalue();
      step = sharpness > 0 ? Math.min(maxStep, fraction * 2 / sharpness) : maxStep;
    }
    steps++;
    return new GradientDescent(step).next(gradientSquaredNorm);
  }

  @Override
  public double[] scalarState() {
    return new double[] {steps, step, sharpness};
  }

  @Override
  public void restoreScalarState(double[] state) {
    checkLength(state, 3);
    steps = (long) state[0];
    step = state[1];
    sharpness = state[2];
  }
}
