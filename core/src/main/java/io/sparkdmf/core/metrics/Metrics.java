package io.sparkdmf.core.metrics;

import io.sparkdmf.core.linalg.Matrix;
import io.sparkdmf.core.model.DeepFactorization;
import io.sparkdmf.core.objective.Objective;
import java.util.Arrays;

/** What users read off a trained model. */
public final class Metrics {
  private Metrics() {}

  /** ||W - W*||_F^2 / ||W*||_F^2, the squared relative error the published figures plot. */
  public static double reconstructionError(DeepFactorization model, Matrix truth) {
    return reconstructionError(model.endToEnd(), truth);
  }

  public static double reconstructionError(Matrix w, Matrix truth) {
    return w.minus(truth).frobeniusNormSquared() / truth.frobeniusNormSquared();
  }

  /** Root mean squared error on (typically held-out) data. */
  public static double rmse(DeepFactorization model, Objective heldOut) {
    return Math.sqrt(heldOut.meanSquaredError(model));
  }

  /** The median (the mean of the middle two for an even count). */
  public static double median(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    int n = sorted.length;
    return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
  }
}
