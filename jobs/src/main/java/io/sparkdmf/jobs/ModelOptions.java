package io.sparkdmf.jobs;

import io.sparkdmf.core.model.DeepFactorization;
import io.sparkdmf.core.model.FactorShapes;
import io.sparkdmf.core.model.Initialization;
import picocli.CommandLine.Option;

/** The options that define the factorization and its start, shared by every training job. */
final class ModelOptions {

  @Option(names = "--depth", description = "Number of factors N (default: 3; with --ratings 2, see docs/scale.md).")
  Integer depth;

  @Option(names = "--width", description = "Hidden width d_1 .. d_{N-1} (default: min(m, n), full; with --ratings 16).")
  Integer width;

  @Option(names = "--init", defaultValue = "gaussian",
      description = "Initialization: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
  Initialization init;

  @Option(names = "--init-scale", description = "Init scale s (default: 1e-3; with --ratings 0.1).")
  Double initScale;

  @Option(names = "--seed", defaultValue = "0", description = "Seed of the initialization (default: ${DEFAULT-VALUE}).")
  long seed;

  int depth() {
    return depth != null ? depth : 3;
  }

  double initScale() {
    return initScale != null ? initScale : 1e-3;
  }

  FactorShapes shapes(int rows, int cols) {
    return new FactorShapes(rows, cols, depth(), width != null ? width : Math.min(rows, cols));
  }

  DeepFactorization initialModel(int rows, int cols) {
    return init.create(shapes(rows, cols), initScale(), seed);
  }
}
