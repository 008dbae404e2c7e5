package io.sparkdmf.research.baseline;

import io.sparkdmf.core.linalg.Decompositions;
import io.sparkdmf.core.linalg.Matrix;
import io.sparkdmf.core.metrics.SpectralDiagnostics;
import java.util.List;

/**
 * The convex baseline (docs/maths.md §3): min ||X||_* subject to |A(X) - y| <= delta entrywise,
 * solved by linearized ADMM on the split A(X) - y = z, |z| <= delta:
 *
 * <pre>
 *   X <- SVT_{1/(rho L)}( X - (1/L) A^T(A(X) - y - z + u) )   singular value thresholding
 *   z <- clip(A(X) - y + u, -delta, delta)
 *   u <- u + A(X) - y - z
 * </pre>
 *
 * with L >= ||A||^2, and rho balanced between the primal and dual residuals. For completion A A^T = I
 * and L = 1. Stops when both residuals are below {@code tolerance} relative to the data.
 */
public final class MinimumNuclearNorm {

  /** The solution and how the solver got there. */
  public record Result(Matrix solution, int iterations, double primalResidual, double dualResidual,
      boolean converged) {

    public double nuclearNorm() {
      return SpectralDiagnostics.nuclearNorm(Decompositions.singularValues(solution));
    }
  }

  /** Told the residuals after every iteration, for progress lines. */
  @FunctionalInterface
  public interface Progress {
    Progress NONE = (iteration, primal, dual) -> { };

    void onIteration(int iteration, double primalResidual, double dualResidual);
  }

  private final double delta;
  private final double tolerance;
  private final int maxIterations;

  /**
   * @param delta the allowed misfit per measurement (1e-3 in the reference experiments; 0 for equality)
   * @param tolerance relative primal and dual residual at which to stop (e.g. 1e-8)
   */
  public MinimumNuclearNorm(double delta, double tolerance, int maxIterations) {
    this.delta = delta;
    this.tolerance = tolerance;
    this.maxIterations = maxIterations;
  }

  /** The relative primal and dual residual at which the solver stops. */
  public double tolerance() {
    return tolerance;
  }

  public int maxIterations() {
    return maxIterations;
  }

  public Result solve(LinearMeasurements a) {
    return solve(a, Progress.NONE);
  }

  /**
   * Each iteration reads the measurements twice: once for A(X), and once for the three adjoints it
   * needs (of the z step and of u for the dual residual, and of the residual r for the next X step,
   * since the next misfit A(X) - y - z + u is r + u after the u update).
   */
  public Result solve(LinearMeasurements a, Progress progress) {
    double[] y = a.values();
    double lipschitz = a.normSquaredBound();
    double yNorm = Math.max(norm(y), 1e-300);
    Matrix x = Matrix.zeros(a.rows(), a.cols());
    double[] z = new double[y.length];
    double[] u = new double[y.length];
    double rho = 1.0 / yNorm;
    // A^T of the misfit A(X) - y - z + u, which is -y while X, z and u are 0.
    Matrix misfitAdjoint = a.adjoint(y);
    misfitAdjoint.scale(-1);
    double primal = Double.NaN;
    double dual = Double.NaN;
    for (int t = 1; t <= maxIterations; t++) {
      Matrix target = x.copy();
      target.addScaled(-1.0 / lipschitz, misfitAdjoint);
      Matrix next = shrinkSingularValues(target, 1.0 / (rho * lipschitz));
      double[] axNext = a.apply(next);
      double[] zNext = new double[y.length];
      double[] residual = new double[y.length];
      double[] zChange = new double[y.length];
      double primalSquared = 0;
      for (int k = 0; k < y.length; k++) {
        zNext[k] = Math.max(-delta, Math.min(delta, axNext[k] - y[k] + u[k]));
        residual[k] = axNext[k] - y[k] - zNext[k];
        u[k] += residual[k];
        primalSquared += residual[k] * residual[k];
        zChange[k] = zNext[k] - z[k];
      }
      List<Matrix> adjoints = a.adjoints(List.of(zChange, u, residual));
      primal = Math.sqrt(primalSquared) / yNorm;
      // Dual residual of the split: rho A^T (z_{t} - z_{t-1}), relative to rho A^T u.
      // plus the relative move of X, which the linearization adds to the optimality conditions.
      dual = Math.max(
          norm(adjoints.get(0).data()) / Math.max(norm(adjoints.get(1).data()), 1e-300),
          norm(next.minus(x).data()) / Math.max(norm(next.data()), 1e-300));
      x = next;
      z = zNext;
      progress.onIteration(t, primal, dual);
      if (primal < tolerance && dual < tolerance) {
        return new Result(x, t, primal, dual, true);
      }
      double uScale = 1;
      if (primal > 10 * dual) {
        rho *= 2;
        uScale = 0.5;
      } else if (dual > 10 * primal) {
        rho /= 2;
        uScale = 2;
      }
      scale(u, uScale);
      misfitAdjoint = adjoints.get(2);
      misfitAdjoint.addScaled(uScale, adjoints.get(1));
    }
    return new Result(x, maxIterations, primal, dual, false);
  }

  /** U max(S - tau, 0) V^T. */
  static Matrix shrinkSingularValues(Matrix m, double tau) {
    Decompositions.Svd svd = Decompositions.svd(m);
    Matrix us = svd.u().copy();
    double[] s = svd.singularValues();
    for (int j = 0; j < s.length; j++) {
      double shrunk = Math.max(s[j] - tau, 0);
      for (int i = 0; i < us.rows(); i++) {
        us.set(i, j, us.get(i, j) * shrunk);
      }
    }
    return us.times(svd.vt());
  }

  private static double norm(double[] v) {
    double sum = 0;
    for (double x : v) {
      sum += x * x;
    }
    return Math.sqrt(sum);
  }

  private static void scale(double[] v, double factor) {
    for (int k = 0; k < v.length; k++) {
      v[k] *= factor;
    }
  }
}
