package io.sparkdmf.core.sharpness;

import io.sparkdmf.core.linalg.Blas;
import io.sparkdmf.core.linalg.Matrix;
import io.sparkdmf.core.model.DeepFactorization;
import io.sparkdmf.core.objective.Objective;
import io.sparkdmf.core.optim.SharpnessProbe;
import java.util.List;
import java.util.Random;

/**
 * lambda_max of the Hessian of an {@link Objective}'s loss (the trainer's mean loss, residual term
 * included) at a driver-held model, from Hessian-vector products by central differences of
 * gradients, H v = (g(w + h v) - g(w - h v)) / 2h, so it works on any engine the objective runs on.
 * A few Lanczos steps per call, warm-started from the previous top eigenvector, which moves slowly
 * between calls during training. The model is restored bit for bit after every call.
 */
public final class GradientDifferenceSharpness implements SharpnessProbe {
  /** Relative difference step: the central difference's error is O(h^2), its rounding O(eps / h). */
  private static final double RELATIVE_STEP = 1e-5;

  private final Objective objective;
  private final DeepFactorization model;
  private final int iterations;
  private double[] warmStart;

  public GradientDifferenceSharpness(Objective objective, DeepFactorization model, int iterations) {
    if (iterations < 1) {
      throw new IllegalArgumentException("at least one Lanczos iteration is needed, got " + iterations);
    }
    this.objective = objective;
    this.model = model;
    this.iterations = iterations;
  }

  @Override
  public double largestEigenvalue() {
    List<Matrix> factors = model.factors();
    double[] point = HessianVectorProduct.flatten(factors);
    if (warmStart == null) {
      Random random = new Random(1);
      warmStart = new double[point.length];
      for (int i = 0; i < point.length; i++) {
        warmStart[i] = random.nextGaussian();
      }
    }
    double h = RELATIVE_STEP * Math.max(Math.sqrt(Blas.dot(point, point)), 1e-12);
    DeepFactorization saved = model.copy();
    try {
      Lanczos.Eigenpair top = Lanczos.topEigenpair(v -> {
        double[] plus = gradientAt(point, v, h);
        double[] minus = gradientAt(point, v, -h);
        for (int i = 0; i < plus.length; i++) {
          plus[i] = (plus[i] - minus[i]) / (2 * h);
        }
        return plus;
      }, warmStart, iterations);
      warmStart = top.vector();
      return top.value();
    } finally {
      model.assign(saved);
    }
  }

  /** The gradient at point + t v (v a unit vector), written into the model first. */
  private double[] gradientAt(double[] point, double[] v, double t) {
    int at = 0;
    for (Matrix w : model.factors()) {
      double[] data = w.data();
      for (int i = 0; i < data.length; i++, at++) {
        data[i] = point[at] + t * v[at];
      }
    }
    return HessianVectorProduct.flatten(objective.evaluate(model).gradients());
  }
}
