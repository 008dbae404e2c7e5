package io.sparkdmf.core.linalg;

/**
 * Bounds on floating-point rounding, for deciding when a computed difference is real. A BLAS may add
 * in any order (blocked, vectorised, with fused multiply-adds, differently on every CPU), so the last
 * bits of a sum are not part of its meaning; these bounds say how many bits are.
 */
public final class Rounding {
  /** The unit roundoff of double precision, 2^-53. */
  public static final double UNIT_ROUNDOFF = 0x1.0p-53;

  private Rounding() {}

  /**
   * Higham's gamma_m = m u / (1 - m u): a sum of m products computed in any order is off by at most
   * gamma_m times the sum of the products' absolute values (Higham, Accuracy and Stability of
   * Numerical Algorithms, 2nd ed., section 3.1).
   */
  public static double gamma(long terms) {
    double mu = terms * UNIT_ROUNDOFF;
    if (!(mu < 1)) {
      throw new IllegalArgumentException("no rounding bound for a sum of " + terms + " terms");
    }
    return mu / (1 - mu);
  }
}
