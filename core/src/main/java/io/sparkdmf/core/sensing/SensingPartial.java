package io.sparkdmf.core.sensing;

import java.io.Serializable;

/**
 * The aggregation buffer of a sensing step: the sum of squared residuals and, when wanted, the
 * unscaled end-to-end gradient sum_k r_k vec(A_k) (allocated on first use).
 */
final class SensingPartial implements Serializable {
  private static final long serialVersionUID = 1L;

  private double squaredResidualSum;
  private long measurements;
  private double[] gradient;

  public double squaredResidualSum() {
    return squaredResidualSum;
  }

  public long measurements() {
    return measurements;
  }

  /** A partial from its sums (for kernels that compute several at once). */
  static SensingPartial of(double squaredResidualSum, long measurements, double[] gradient) {
    SensingPartial partial = new SensingPartial();
    partial.squaredResidualSum = squaredResidualSum;
    partial.measurements = measurements;
    partial.gradient = gradient;
    return partial;
  }

  /** The loss: the mean of the squared residuals. */
  public double meanSquaredResidual() {
    return squaredResidualSum / measurements;
  }

  /** sum_k r_k vec(A_k), or null when no gradient was accumulated. */
  public double[] gradient() {
    return gradient;
  }

  void addResiduals(double[] residuals) {
    for (double r : residuals) {
      squaredResidualSum += r * r;
    }
    measurements += residuals.length;
  }

  double[] gradient(int size) {
    if (gradient == null) {
      gradient = new double[size];
    }
    return gradient;
  }

  SensingPartial merge(SensingPartial other) {
    squaredResidualSum += other.squaredResidualSum;
    measurements += other.measurements;
    if (other.gradient != null) {
      double[] target = gradient(other.gradient.length);
      for (int i = 0; i < target.length; i++) {
        target[i] += other.gradient[i];
      }
    }
    return this;
  }
}
