package io.sparkdmf.core.sharpness;

import io.sparkdmf.core.completion.CompletionObjective;
import io.sparkdmf.core.linalg.Matrix;
import io.sparkdmf.core.model.DeepFactorization;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * The Gauss-Newton Hessian J^T (2c P_Omega) J in parameter space, applied over observed entries held
 * by any engine (local threads or a Spark RDD): each product is one pass over the entries, and no
 * m x n matrix is ever formed. At a zero-residual minimizer it is the Hessian, so its lambda_max is
 * the sharpness; {@link GaussNewtonOperator} is the same operator in matrix space for small problems.
 */
public final class EntryGaussNewtonOperator {
  private final UnaryOperator<List<Matrix>> gaussNewton;
  private final List<Matrix> shapes;
  private final double scale;
  private final int dimension;

  public EntryGaussNewtonOperator(CompletionObjective entries, DeepFactorization model, LossNormalisation loss) {
    this.gaussNewton = entries.gaussNewton(model);
    this.shapes = model.factors();
    this.scale = loss.hessianScale();
    this.dimension = model.factors().stream().mapToInt(w -> w.data().length).sum();
  }

  /** Number of parameters. */
  public int dimension() {
    return dimension;
  }

  /** The operator on the flattened parameters (factor by factor, each column-major). */
  public double[] apply(double[] direction) {
    List<Matrix> product = gaussNewton.apply(HessianVectorProduct.split(direction, shapes));
    double[] flat = HessianVectorProduct.flatten(product);
    for (int i = 0; i < flat.length; i++) {
      flat[i] *= scale;
    }
    return flat;
  }

  /** lambda_max by Lanczos. */
  public double largestEigenvalue() {
    return Lanczos.largestEigenvalue(this::apply, dimension);
  }
}
