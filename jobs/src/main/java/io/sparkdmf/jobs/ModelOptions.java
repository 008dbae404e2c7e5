package io.sparkdmf.jobs;

import io.sparkdmf.core.model.DeepFactorization;
import io.sparkdmf.core.model.FactorShapes;
import io.sparkdmf.core.model.Initialization;
import picocli.CommandLine.Option;

/** The options that define the factorization and its start, shared by every training job. */
final class ModelOptions {

  @Option(names = "--depth", defaultValue = "3", description = "Number of factors N (default: ${DEFAULT-VALUE}).")
  int depth;

  @Option(names = "--width", description = "Hidden width d_1 .. d_{N-1} (default: min(m, n), full).")
  Integer width;

  @Option(names = "--init", defaultValue = "gaussian",
      description = "Initialization: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
  Initialization init;

  @Option(names = "--init-scale", defaultValue = "1e-3", description = "Init scale s (default: ${DEFAULT-VALUE}).")
  double initScale;

  @Option(names = "--seed", defaultValue = "0", description = "Seed of the initialization (default: ${DEFAULT-VALUE}).")
  long seed;

  FactorShapes shapes(int rows, int cols) {
    return new FactorShapes(rows, cols, depth, width != null ? width : Math.min(rows, cols));
  }

  DeepFactorization initialModel(int rows, int cols) {
    return init.create(shapes(rows, cols), initScale, seed);
  }
}
