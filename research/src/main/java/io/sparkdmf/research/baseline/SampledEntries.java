package io.sparkdmf.research.baseline;

import io.sparkdmf.core.completion.EntryBlock;
import io.sparkdmf.core.linalg.Matrix;

/** Completion as measurements: A(X) = the observed entries of X. A A^T = I, so ||A||^2 = 1. */
public record SampledEntries(int rows, int cols, EntryBlock entries) implements LinearMeasurements {

  @Override
  public double[] values() {
    double[] y = new double[entries.size()];
    for (int e = 0; e < y.length; e++) {
      y[e] = entries.value(e);
    }
    return y;
  }

  @Override
  public double[] apply(Matrix x) {
    double[] out = new double[entries.size()];
    for (int e = 0; e < out.length; e++) {
      out[e] = x.get(entries.row(e), entries.col(e));
    }
    return out;
  }

  @Override
  public Matrix adjoint(double[] r) {
    Matrix out = Matrix.zeros(rows, cols);
    for (int e = 0; e < r.length; e++) {
      out.set(entries.row(e), entries.col(e), r[e]);
    }
    return out;
  }

  @Override
  public double normSquaredBound() {
    return 1.0;
  }
}
