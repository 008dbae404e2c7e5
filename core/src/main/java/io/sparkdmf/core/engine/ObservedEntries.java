package io.sparkdmf.core.engine;

import io.sparkdmf.core.gradient.CompletionKernel;
import io.sparkdmf.core.gradient.FactorPanels;
import io.sparkdmf.core.gradient.GradientPartial;

/**
 * A set of observed entries and the engine that runs the per-block kernel over them: this is the
 * data-routing layer, kept apart from the model (what W is) and the solver (how it moves).
 */
public interface ObservedEntries extends AutoCloseable {

  /** Number of entries (|Omega|). */
  long count();

  /** Runs {@code kernel} over every block with the given panels and sums the partial results. */
  GradientPartial aggregate(FactorPanels panels, CompletionKernel kernel);

  /** "local" or "spark", for logs and metrics. */
  String engineName();

  @Override
  default void close() {}
}
