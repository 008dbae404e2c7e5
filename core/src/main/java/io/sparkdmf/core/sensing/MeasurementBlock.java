package io.sparkdmf.core.sensing;

import io.sparkdmf.core.linalg.Matrix;
import java.io.Serializable;

/**
 * A block of linear measurements y_k = <A_k, W> of an m x n matrix: the A_k stacked as the rows of
 * one dense K_p x (m n) matrix (each row is vec(A_k), column-major), so the block's residuals and
 * gradient are two gemv calls (maths.md section 2).
 */
public record MeasurementBlock(Matrix operators, double[] values) implements Serializable {

  public MeasurementBlock {
    if (operators.rows() != values.length) {
      throw new IllegalArgumentException(
          operators.rows() + " measurement operators but " + values.length + " values");
    }
  }

  public int size() {
    return values.length;
  }
}
