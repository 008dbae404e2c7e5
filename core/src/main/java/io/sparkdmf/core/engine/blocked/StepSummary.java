package io.sparkdmf.core.engine.blocked;

import io.sparkdmf.core.linalg.Matrix;
import java.io.Serializable;

/**
 * The only numbers of a step that reach the driver: the squared residual sum, the squared norms of
 * the outer factors' gradients, and the small matrix S = W_N^T G W_1^T (null until a row block adds
 * its share).
 */
record StepSummary(double squaredResiduals, double rowGradientNorm, double colGradientNorm, Matrix inner)
    implements Serializable {

  public static final StepSummary ZERO = new StepSummary(0, 0, 0, null);

  public StepSummary plus(StepSummary other) {
    Matrix sum = inner == null ? null : inner.copy();
    if (other.inner != null) {
      if (sum == null) {
        sum = other.inner.copy();
      } else {
        sum.addScaled(1.0, other.inner);
      }
    }
    return new StepSummary(squaredResiduals + other.squaredResiduals, rowGradientNorm + other.rowGradientNorm,
        colGradientNorm + other.colGradientNorm, sum);
  }
}
