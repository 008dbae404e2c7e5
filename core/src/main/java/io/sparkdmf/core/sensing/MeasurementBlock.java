package io.sparkdmf.core.sensing;

import io.sparkdmf.core.linalg.Matrix;
import java.io.Serializable;

/**
 * A block of linear measurements y_k = <A_k, W> of an m x n matrix: column k of {@code operators}
 * (an (m n) x K_p matrix) is vec(A_k), column-major, so each operator is one contiguous run of memory
 * and a block's residuals and gradient take one pass over it (docs/maths.md §2).
 */
public record MeasurementBlock(Matrix operators, double[] values) implements Serializable {

  public MeasurementBlock {
    if (operators.cols() != values.length) {
      throw new IllegalArgumentException(
          operators.cols() + " measurement operators but " + values.length + " values");
    }
  }

  public int size() {
    return values.length;
  }
}
