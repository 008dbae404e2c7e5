package io.sparkdmf.core.sharpness;

import io.sparkdmf.core.linalg.Matrix;
import java.util.ArrayList;
import java.util.List;

/**
 * The Hessian of the squared loss at a zero-residual point, seen in matrix space (docs/maths.md §4):
 * Z -> 2c P_Omega( sum_k A_k A_k^T P_Omega(Z) B_k^T B_k ), an m n x m n operator whose nonzero
 * eigenvalues are those of the parameter-space Hessian J^T (2c P_Omega) J, whatever the widths.
 * Applied matrix-free, for Lanczos.
 */
public final class GaussNewtonOperator {
  private final List<Matrix> leftGrams = new ArrayList<>();
  private final List<Matrix> rightGrams = new ArrayList<>();
  private final ObservedEntries observed;
  private final double scale;
  private final int rows;
  private final int cols;

  public GaussNewtonOperator(List<Matrix> factors, ObservedEntries observed, LossNormalisation loss) {
    FactorProducts products = new FactorProducts(factors);
    for (int k = 1; k <= products.depth(); k++) {
      Matrix a = products.left(k);
      Matrix b = products.right(k);
      leftGrams.add(a.timesTranspose(a));
      rightGrams.add(b.transposeTimes(b));
    }
    this.observed = observed;
    this.scale = loss.hessianScale();
    this.rows = products.dim(products.depth());
    this.cols = products.dim(0);
  }

  public int dimension() {
    return rows * cols;
  }

  /** The operator on vec(Z) (column-major m x n). */
  public double[] apply(double[] vecZ) {
    Matrix z = observed.project(new Matrix(rows, cols, vecZ)); // project copies
    Matrix sum = Matrix.zeros(rows, cols);
    for (int k = 0; k < leftGrams.size(); k++) {
      sum.addScaled(1.0, leftGrams.get(k).times(z).times(rightGrams.get(k)));
    }
    Matrix out = observed.project(sum);
    out.scale(scale);
    return out.data();
  }

  /** lambda_max by Lanczos. */
  public double largestEigenvalue() {
    return Lanczos.largestEigenvalue(this::apply, dimension());
  }
}
