package io.sparkdmf.core.objective;

import io.sparkdmf.core.model.DeepFactorization;

/**
 * A mean squared loss over some data (observed entries, linear measurements) and its factor
 * gradients, evaluated through an engine. The solver sees only this.
 */
public interface Objective extends AutoCloseable {

  /** Loss and factor gradients at {@code model}. */
  Evaluation evaluate(DeepFactorization model);

  /** The loss alone (no gradient work), e.g. on held-out data. */
  double meanSquaredError(DeepFactorization model);

  /** Number of entries or measurements. */
  long size();

  /** "local" or "spark". */
  String engineName();

  @Override
  void close();
}
