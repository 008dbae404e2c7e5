package io.sparkdmf.research.experiment;

import io.sparkdmf.research.baseline.MinimumNuclearNorm;
import java.util.Locale;
import java.util.Optional;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The progress line of a nuclear-norm baseline run, logged at most once a minute: a baseline on
 * 5,000 measurements can solve for an hour, and logs nothing else until it ends. It gives the ADMM
 * iteration against the most allowed and the two relative residuals against the tolerance at which
 * the solver stops.
 */
final class BaselineProgress implements MinimumNuclearNorm.Progress {
  // Logged under the Runner, which runs the baseline, as its other lines are.
  private static final Logger LOG = LoggerFactory.getLogger(Runner.class);
  private static final long MINUTE_NANOS = 60_000_000_000L;

  private final String run;
  private final int maxIterations;
  private final double tolerance;
  private final LongSupplier nanoTime;
  private long lastNanos;

  BaselineProgress(String run, int maxIterations, double tolerance, LongSupplier nanoTime) {
    this.run = run;
    this.maxIterations = maxIterations;
    this.tolerance = tolerance;
    this.nanoTime = nanoTime;
    this.lastNanos = nanoTime.getAsLong();
  }

  @Override
  public void onIteration(int iteration, double primalResidual, double dualResidual) {
    nextLine(iteration, primalResidual, dualResidual).ifPresent(LOG::info);
  }

  /** The line to log after this iteration, if a minute has passed since the last one (or the start). */
  Optional<String> nextLine(int iteration, double primalResidual, double dualResidual) {
    long now = nanoTime.getAsLong();
    if (now - lastNanos < MINUTE_NANOS) {
      return Optional.empty();
    }
    lastNanos = now;
    return Optional.of(String.format(Locale.ROOT,
        "%s: ADMM iteration %d of at most %d, relative residuals %.2e (primal) and %.2e (dual); stops when both are below %.0e",
        run, iteration, maxIterations, primalResidual, dualResidual, tolerance));
  }
}
