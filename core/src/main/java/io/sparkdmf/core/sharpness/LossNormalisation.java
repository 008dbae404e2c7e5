package io.sparkdmf.core.sharpness;

/**
 * Which squared loss the Hessian belongs to, explicitly: l = c sum_{(i,j) in Omega} (W_ij - M_ij)^2,
 * with c = 1/2 (the textbook l = 1/2 ||W - M||^2), 1 (plain sum) or 1/|Omega| (the mean the trainer
 * minimizes). Every Hessian and sharpness value scales with 2c.
 */
public record LossNormalisation(double c) {

  public LossNormalisation {
    if (!(c > 0) || !Double.isFinite(c)) {
      throw new IllegalArgumentException("the loss constant must be positive, got " + c);
    }
  }

  public static LossNormalisation half() {
    return new LossNormalisation(0.5);
  }

  public static LossNormalisation sum() {
    return new LossNormalisation(1.0);
  }

  /** The mean over {@code observed} entries (the trainer's loss). */
  public static LossNormalisation mean(long observed) {
    return new LossNormalisation(1.0 / observed);
  }

  /** The factor 2c in front of every second derivative. */
  public double hessianScale() {
    return 2 * c;
  }
}
