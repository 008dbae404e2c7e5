package io.sparkdmf.jobs;

import io.sparkdmf.core.engine.EngineChoice;
import io.sparkdmf.core.optim.Optimizer;
import io.sparkdmf.core.optim.SharpnessAwareStep;
import io.sparkdmf.core.train.StoppingRule;
import picocli.CommandLine.Option;

/** How a training job optimizes, where it runs and how it reports, shared by every training job. */
final class TrainingOptions {

  @Option(names = "--optimizer",
      description = "${COMPLETION-CANDIDATES}; sharpness = gradient descent with the step set every "
          + SharpnessAwareStep.DEFAULT_EVERY + " steps to " + SharpnessAwareStep.DEFAULT_FRACTION
          + " x 2/lambda_max, estimated by Lanczos on Hessian-vector products (local and spark engines)"
          + " (default: grouprmsprop; with --ratings adam).")
  Optimizer.Kind optimizer;

  @Option(names = "--lr", description = "Learning rate; for --optimizer sharpness, the largest step (default: 1e-3;"
      + " with --ratings 0.005).")
  Double learningRate;

  @Option(names = "--max-steps", description = "Most updates (default: 1000000; with --ratings 2000 per penalty).")
  Integer maxSteps;

  @Option(names = "--train-threshold", defaultValue = "1e-6",
      description = "Stop once the train MSE is at most this (default: ${DEFAULT-VALUE}).")
  double trainThreshold;

  @Option(names = "--engine", defaultValue = "auto",
      description = "${COMPLETION-CANDIDATES}: local threads; Spark with the factors broadcast; Spark with"
          + " the outer factors in RDD blocks (completion); auto = local up to 1M entries, blocked once the"
          + " factors pass 256 MB, spark between (default: ${DEFAULT-VALUE}).")
  EngineChoice engine;

  @Option(names = "--parallelism",
      description = "Threads (local), partitions (spark) or row and column blocks (blocked)"
          + " (default: Spark's default parallelism).")
  Integer parallelism;

  @Option(names = "--checkpoint-dir", paramLabel = "DIR",
      description = "Write checkpoints (factors and optimizer state) here, on any Hadoop file system.")
  String checkpointDir;

  @Option(names = "--checkpoint-every", defaultValue = "100", paramLabel = "STEPS",
      description = "Steps between checkpoints (default: ${DEFAULT-VALUE}).")
  int checkpointEvery;

  @Option(names = "--resume",
      description = "Continue from the newest checkpoint in --checkpoint-dir (start afresh if there is none).")
  boolean resume;

  @Option(names = "--history-every", defaultValue = "100",
      description = "Steps between rows of history.csv (default: ${DEFAULT-VALUE}).")
  int historyEvery;

  @Option(names = "--singular-values",
      description = "Top singular values of W recorded in history.csv, with its nuclear norm and effective"
          + " rank; 0 turns the diagnostics off (default: 10 for W of up to 10^5 entries, 0 above, where an SVD"
          + " of W at every history row costs more than the steps between).")
  Integer singularValues;

  /** Up to this many entries of W, the singular values are recorded unless --singular-values says otherwise. */
  static final long DEFAULT_DIAGNOSED_ENTRIES = 100_000;

  /** The --singular-values given, or the default for a W of {@code matrixEntries} entries. */
  int singularValues(long matrixEntries) {
    return singularValues != null ? singularValues : matrixEntries <= DEFAULT_DIAGNOSED_ENTRIES ? 10 : 0;
  }

  @Option(names = "--log-every", defaultValue = "2", paramLabel = "SECONDS",
      description = "Seconds between progress lines (default: ${DEFAULT-VALUE}).")
  double logEverySeconds;

  Optimizer.Kind optimizer() {
    return optimizer != null ? optimizer : Optimizer.Kind.GROUPRMSPROP;
  }

  double learningRate() {
    return learningRate != null ? learningRate : 1e-3;
  }

  int maxSteps() {
    return maxSteps != null ? maxSteps : 1_000_000;
  }

  StoppingRule stoppingRule() {
    return new StoppingRule(maxSteps(), trainThreshold);
  }

  void validate() {
    if (historyEvery < 1) {
      throw new IllegalArgumentException("--history-every must be at least 1");
    }
    if (singularValues != null && singularValues < 0) {
      throw new IllegalArgumentException("--singular-values must not be negative");
    }
    if (checkpointEvery < 1) {
      throw new IllegalArgumentException("--checkpoint-every must be at least 1");
    }
    if (resume && checkpointDir == null) {
      throw new IllegalArgumentException("--resume needs --checkpoint-dir");
    }
  }
}
