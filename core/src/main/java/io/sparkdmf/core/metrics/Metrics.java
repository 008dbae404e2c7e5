package io.sparkdmf.core.metrics;

import io.sparkdmf.core.engine.ObservedEntries;
import io.sparkdmf.core.gradient.CompletionObjective;
import io.sparkdmf.core.linalg.Matrix;
import io.sparkdmf.core.model.DeepFactorization;

/** What users read off a trained model. */
public final class Metrics {
  private Metrics() {}

  /** ||W - W*||_F^2 / ||W*||_F^2, the squared relative error the published figures plot. */
  public static double reconstructionError(DeepFactorization model, Matrix truth) {
    Matrix w = model.endToEnd();
    return w.minus(truth).frobeniusNormSquared() / truth.frobeniusNormSquared();
  }

  /** Root mean squared error on (typically held-out) entries. */
  public static double rmse(DeepFactorization model, ObservedEntries entries) {
    return Math.sqrt(CompletionObjective.meanSquaredError(model, entries));
  }
}
