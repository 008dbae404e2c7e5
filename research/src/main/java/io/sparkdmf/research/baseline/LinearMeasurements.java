package io.sparkdmf.research.baseline;

import io.sparkdmf.core.linalg.Matrix;
import java.util.List;

/** A linear map A from m x n matrices to R^K, its adjoint, and a bound on its squared norm. */
public interface LinearMeasurements {

  int rows();

  int cols();

  /** The measured values y. */
  double[] values();

  /** A(X). */
  double[] apply(Matrix x);

  /** A^T(r), an m x n matrix. */
  Matrix adjoint(double[] r);

  /** A^T(r) for each of {@code rs}; measurements held as dense operators read them once for all. */
  default List<Matrix> adjoints(List<double[]> rs) {
    return rs.stream().map(this::adjoint).toList();
  }

  /** An upper bound on ||A||_2^2 (the step of the linearized ADMM is its inverse). */
  double normSquaredBound();
}
