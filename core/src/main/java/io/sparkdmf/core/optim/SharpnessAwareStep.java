package io.sparkdmf.core.optim;

/**
 * Gradient descent whose step follows the curvature: every {@code every} steps it asks a
 * {@link SharpnessProbe} for lambda_max at the current iterate and sets the step to
 * {@code fraction * 2 / lambda_max} (GD is stable near a minimum iff step <= 2 / lambda_max,
 * docs/maths.md §4), capped at {@code maxStep} while the loss is still flat. It re-estimates sooner
 * when the gradient norm has grown {@value #GRADIENT_GROWTH}-fold since the last estimate: leaving a
 * flat saddle (small initialization) the curvature grows within a few steps, and a step sized for the
 * old curvature diverges.
 */
public final class SharpnessAwareStep extends Optimizer {
  /** Half the stable step: a margin for the sharpness growing between estimates (docs/benchmarks.md). */
  public static final double DEFAULT_FRACTION = 0.5;
  public static final int DEFAULT_EVERY = 20;
  private static final double GRADIENT_GROWTH = 2;
  private final double fraction;
  private final int every;
  private final double maxStep;
  private SharpnessProbe probe;
  private long steps;
  private double step;
  private double sharpness = Double.NaN;
  private double gradientAtEstimate = Double.NaN;

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
  public boolean usesGradientNorm() {
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
    if (steps % every == 0 || !(gradientSquaredNorm <= GRADIENT_GROWTH * GRADIENT_GROWTH * gradientAtEstimate)) {
      if (probe == null) {
        throw new IllegalStateException("the sharpness-aware step was not given a sharpness probe");
      }
      sharpness = probe.largestEigenvalue();
      step = sharpness > 0 ? Math.min(maxStep, fraction * 2 / sharpness) : maxStep;
      gradientAtEstimate = gradientSquaredNorm;
    }
    steps++;
    return new GradientDescent(step).next(gradientSquaredNorm);
  }

  @Override
  public double[] scalarState() {
    return new double[] {steps, step, sharpness, gradientAtEstimate};
  }

  @Override
  public void restoreScalarState(double[] state) {
    checkLength(state, 4);
    steps = (long) state[0];
    step = state[1];
    sharpness = state[2];
    gradientAtEstimate = state[3];
  }
}
