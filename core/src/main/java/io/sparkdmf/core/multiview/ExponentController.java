package io.sparkdmf.core.multiview;

/**
 * The control law for the weight exponent p (docs/maths.md §5): a proportional-integral controller
 * on r_t, the relative change of the unweighted residual sum_v sum_j D_vj (the objective itself
 * changes with p, so watching it would feed p's own moves back into p),
 * p_{t+1} = clip(p_ref + kP r_t + kI I_t, pMin, pMax) with the leaky integral
 * I_t = FORGETTING I_{t-1} + r_t.
 * While the factorization still moves (large r) p is high and the weights stay close to uniform, so
 * early, poorly fitted residuals do not lock the weights onto a few features; as the run settles both
 * terms vanish and p comes down to p_ref, sharpening the selection. With {@code enabled = false} p
 * stays at p_ref (the fixed-p ablation).
 */
public record ExponentController(boolean enabled, double reference, double proportional, double integral,
    double min, double max) {

  public ExponentController {
    if (!(min > 1) || !(max >= min) || reference < min || reference > max) {
      throw new IllegalArgumentException("need 1 < pMin <= p <= pMax, got p = " + reference + " in ["
          + min + ", " + max + "]");
    }
    if (proportional < 0 || integral < 0) {
      throw new IllegalArgumentException("controller gains must not be negative");
    }
  }

  /** The defaults: p_ref = 2, kP = 5, kI = 0.5, p in [1.5, 6]. */
  public static ExponentController defaults() {
    return new ExponentController(true, 2.0, 5.0, 0.5, 1.5, 6.0);
  }

  /** p for the first iteration, before any change is known: as if the relative change were 1. */
  public double initial() {
    return enabled ? Math.min(max, reference + proportional) : reference;
  }

  /**
   * How much of the integral carries over to the next iteration. A plain sum would leave p at p_ref plus
   * everything the run ever moved (2.6 on uci-mfeat, where p = 2 clusters better); forgetting brings p
   * back to p_ref once the run settles, after about 1 / (1 - FORGETTING) iterations.
   */
  static final double FORGETTING = 0.9;

  /** The state between iterations: the leaky integral of the relative changes. */
  public static final class State {
    private double integralSum;

    public double next(ExponentController law, double relativeChange) {
      if (!law.enabled()) {
        return law.reference();
      }
      integralSum = FORGETTING * integralSum + relativeChange;
      double p = law.reference() + law.proportional() * relativeChange + law.integral() * integralSum;
      return Math.min(law.max(), Math.max(law.min(), p));
    }
  }
}
