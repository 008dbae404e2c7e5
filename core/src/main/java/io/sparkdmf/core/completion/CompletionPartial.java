package io.sparkdmf.core.completion;

import java.io.Serializable;

/**
 * The aggregation buffer of one step: the sum of squared residuals and, when gradients are wanted,
 * the two sparse products every factor gradient derives from, unscaled (g_ij = r_ij):
 * {@code rowGradT} = (G V^T)^T (p x m) and {@code colGrad} = U^T G (p x n), both column-major.
 * Arrays are allocated on first use, so the zero value Spark ships to every partition is tiny.
 */
final class CompletionPartial implements Serializable {
  private static final long serialVersionUID = 1L;

  private double squaredResidualSum;
  private long entries;
  private double[] rowGradT;
  private double[] colGrad;

  public double squaredResidualSum() {
    return squaredResidualSum;
  }

  public long entries() {
    return entries;
  }

  /** (G V^T)^T, unscaled; null when no gradient was accumulated. */
  public double[] rowGradT() {
    return rowGradT;
  }

  /** U^T G, unscaled; null when no gradient (or, for depth 1, not needed). */
  public double[] colGrad() {
    return colGrad;
  }

  void addResidual(double r) {
    squaredResidualSum += r * r;
    entries++;
  }

  double[] rowGradT(int size) {
    if (rowGradT == null) {
      rowGradT = new double[size];
    }
    return rowGradT;
  }

  double[] colGrad(int size) {
    if (colGrad == null) {
      colGrad = new double[size];
    }
    return colGrad;
  }

  /** Adds {@code other} into this buffer and returns this (Spark's combOp). */
  public CompletionPartial merge(CompletionPartial other) {
    squaredResidualSum += other.squaredResidualSum;
    entries += other.entries;
    rowGradT = addInto(rowGradT, other.rowGradT);
    colGrad = addInto(colGrad, other.colGrad);
    return this;
  }

  private static double[] addInto(double[] target, double[] source) {
    if (source == null) {
      return target;
    }
    if (target == null) {
      return source.clone();
    }
    for (int k = 0; k < target.length; k++) {
      target[k] += source[k];
    }
    return target;
  }
}
