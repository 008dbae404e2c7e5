package io.sparkdmf.core.metrics;

import io.sparkdmf.core.linalg.Matrix;
import io.sparkdmf.core.model.DeepFactorization;
import io.sparkdmf.core.objective.Objective;

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
}
