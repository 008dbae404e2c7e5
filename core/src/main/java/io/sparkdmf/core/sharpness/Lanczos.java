package io.sparkdmf.core.sharpness;

import io.sparkdmf.core.linalg.Blas;
import io.sparkdmf.core.linalg.Decompositions;
import io.sparkdmf.core.linalg.Matrix;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.UnaryOperator;

/**
 * The largest eigenvalue of a symmetric operator by Lanczos with full reorthogonalization (every new
 * vector is orthogonalized against all previous ones, twice), so that no spurious copies of converged
 * eigenvalues appear. It stops when the top Ritz value's residual bound |beta_k s_k| falls below
 * 1e-12 of it, or the Krylov space is exhausted (then the answer is exact).
 */
public final class Lanczos {
  private static final double TOLERANCE = 1e-12;
  private static final int MAX_ITERATIONS = 300;

  private Lanczos() {}

  /** An eigenvalue and its unit eigenvector (a Ritz pair when Lanczos stopped early). */
  public record Eigenpair(double value, double[] vector) {}

  public static double largestEigenvalue(UnaryOperator<double[]> operator, int dimension) {
    Random random = new Random(1);
    double[] start = new double[dimension];
    for (int i = 0; i < dimension; i++) {
      start[i] = random.nextGaussian();
    }
    return topEigenpair(operator, start, MAX_ITERATIONS).value();
  }

  /**
   * The top Ritz pair after at most {@code maxIterations} steps from {@code start} (not modified):
   * warm-started from a previous eigenvector, a few steps track a slowly moving top eigenvalue.
   */
  public static Eigenpair topEigenpair(UnaryOperator<double[]> operator, double[] start, int maxIterations) {
    int dimension = start.length;
    double[] q = start.clone();
    scale(q, 1 / norm(q));
    List<double[]> basis = new ArrayList<>();
    List<Double> alphas = new ArrayList<>();
    List<Double> betas = new ArrayList<>();
    Decompositions.SymmetricEigen ritz = null;
    for (int k = 0; k < Math.min(dimension, maxIterations); k++) {
      basis.add(q);
      double[] w = operator.apply(q);
      alphas.add(Blas.dot(w, q));
      for (int pass = 0; pass < 2; pass++) {
        for (double[] v : basis) {
          Blas.axpy(-Blas.dot(w, v), v, w);
        }
      }
      double beta = norm(w);
      ritz = Decompositions.symmetricEigen(tridiagonal(alphas, betas));
      int last = alphas.size() - 1;
      double top = ritz.eigenvalues()[last];
      double residual = Math.abs(beta * ritz.eigenvectors().get(last, last));
      if (residual <= TOLERANCE * Math.abs(top) || beta <= TOLERANCE * Math.abs(top)) {
        break;
      }
      betas.add(beta);
      q = w;
      scale(q, 1 / beta);
    }
    int last = alphas.size() - 1;
    double[] vector = new double[dimension];
    for (int i = 0; i <= last; i++) {
      Blas.axpy(ritz.eigenvectors().get(i, last), basis.get(i), vector);
    }
    return new Eigenpair(ritz.eigenvalues()[last], vector);
  }

  private static Matrix tridiagonal(List<Double> alphas, List<Double> betas) {
    int k = alphas.size();
    Matrix t = Matrix.zeros(k, k);
    for (int i = 0; i < k; i++) {
      t.set(i, i, alphas.get(i));
      if (i + 1 < k) {
        t.set(i, i + 1, betas.get(i));
        t.set(i + 1, i, betas.get(i));
      }
    }
    return t;
  }

  private static double norm(double[] a) {
    return Math.sqrt(Blas.dot(a, a));
  }

  private static void scale(double[] a, double alpha) {
    for (int i = 0; i < a.length; i++) {
      a[i] *= alpha;
    }
  }
}
