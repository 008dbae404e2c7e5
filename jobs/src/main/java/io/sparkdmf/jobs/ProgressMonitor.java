package io.sparkdmf.jobs;

import io.sparkdmf.core.linalg.Matrix;
import io.sparkdmf.core.metrics.Metrics;
import io.sparkdmf.core.metrics.SpectralDiagnostics;
import io.sparkdmf.core.model.DeepFactorization;
import io.sparkdmf.core.objective.Objective;
import io.sparkdmf.core.train.TrainingListener;
import io.sparkdmf.core.train.TrainingState;
import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows a training run: a progress line every few seconds (step, train loss, error where a ground
 * truth or test set is known, time per step) and a history row every {@code historyEvery} steps,
 * with the top singular values, nuclear norm and effective rank of W when diagnostics are on.
 * All of these are computed only at those moments, never on every step.
 */
final class ProgressMonitor implements TrainingListener {
  private static final Logger LOG = LoggerFactory.getLogger(ProgressMonitor.class);

  /** Diagnostics need the dense m x n product; beyond this many entries they are skipped. */
  static final long MAX_DIAGNOSED_ENTRIES = 25_000_000;

  /** One line of history.csv; NaN where a quantity is not known, null spectrum when not computed. */
  record Row(int step, double trainLoss, double reconstructionError, double testRmse, double seconds,
      SpectralDiagnostics spectrum) {}

  private final int maxSteps;
  private final int historyEvery;
  private final double logEverySeconds;
  private final Optional<Matrix> truth;
  private final Objective test;
  private final int singularValues;
  private final List<Row> history = new ArrayList<>();
  private double lastLogSeconds = Double.NEGATIVE_INFINITY;
  private int lastLogStep;

  /** @param test held-out data, or null */
  ProgressMonitor(TrainingOptions options, Optional<Matrix> truth, Objective test, long matrixEntries) {
    this.maxSteps = options.maxSteps();
    this.historyEvery = options.historyEvery;
    this.logEverySeconds = options.logEverySeconds;
    this.truth = truth;
    this.test = test;
    this.singularValues = matrixEntries <= MAX_DIAGNOSED_ENTRIES ? options.singularValues(matrixEntries) : 0;
  }

  @Override
  public void onIterate(int step, double trainLoss, TrainingState state, double secondsSoFar) {
    boolean record = step % historyEvery == 0;
    boolean log = secondsSoFar - lastLogSeconds >= logEverySeconds;
    if (record) {
      Row row = measure(step, trainLoss, state.model(), secondsSoFar);
      history.add(row);
      if (log) {
        log(row);
      }
    } else if (log) {
      // between history rows a distributed model is not gathered just for a log line
      log(state.modelOnDriver() ? measure(step, trainLoss, state.model(), secondsSoFar)
          : new Row(step, trainLoss, Double.NaN, Double.NaN, secondsSoFar, null));
    }
  }

  /** Records and logs the final iterate (unless it was the last one recorded) and returns it. */
  Row finish(int step, double trainLoss, DeepFactorization model, double seconds) {
    Row last = history.isEmpty() ? null : history.get(history.size() - 1);
    if (last == null || last.step() != step) {
      last = measure(step, trainLoss, model, seconds);
      history.add(last);
    }
    log(last);
    return last;
  }

  private Row measure(int step, double trainLoss, DeepFactorization model, double seconds) {
    Matrix w = truth.isPresent() || singularValues > 0 ? model.endToEnd() : null;
    double error = truth.map(t -> Metrics.reconstructionError(w, t)).orElse(Double.NaN);
    double testRmse = test == null ? Double.NaN : Metrics.rmse(model, test);
    SpectralDiagnostics spectrum = singularValues > 0 ? SpectralDiagnostics.of(w) : null;
    return new Row(step, trainLoss, error, testRmse, seconds, spectrum);
  }

  private void log(Row row) {
    StringBuilder line = new StringBuilder(String.format(Locale.ROOT,
        "step %d/%d  train loss %.3e", row.step(), maxSteps, row.trainLoss()));
    if (!Double.isNaN(row.reconstructionError())) {
      line.append(String.format(Locale.ROOT, "  error %.3e", row.reconstructionError()));
    }
    if (!Double.isNaN(row.testRmse())) {
      line.append(String.format(Locale.ROOT, "  test rmse %.4f", row.testRmse()));
    }
    if (row.spectrum() != null) {
      line.append(String.format(Locale.ROOT, "  erank %.2f", row.spectrum().effectiveRank()));
    }
    if (row.step() > lastLogStep) {
      double msPerStep = 1000 * (row.seconds() - Math.max(0, lastLogSeconds)) / (row.step() - lastLogStep);
      line.append(String.format(Locale.ROOT, "  %.3f ms/step", msPerStep));
    }
    line.append(String.format(Locale.ROOT, "  %.1f s", row.seconds()));
    LOG.info(line.toString());
    lastLogSeconds = row.seconds();
    lastLogStep = row.step();
  }

  void writeCsv(Writer out) throws IOException {
    StringBuilder header = new StringBuilder("step,train_loss,reconstruction_error,test_rmse,seconds");
    if (singularValues > 0) {
      header.append(",nuclear_norm,effective_rank");
      for (int k = 1; k <= singularValues; k++) {
        header.append(",sigma_").append(k);
      }
    }
    out.write(header.append('\n').toString());
    for (Row row : history) {
      StringBuilder line = new StringBuilder();
      line.append(row.step()).append(',').append(row.trainLoss()).append(',')
          .append(csv(row.reconstructionError())).append(',').append(csv(row.testRmse())).append(',')
          .append(row.seconds());
      if (singularValues > 0) {
        double[] s = row.spectrum().singularValues();
        line.append(',').append(row.spectrum().nuclearNorm()).append(',').append(row.spectrum().effectiveRank());
        for (int k = 0; k < singularValues; k++) {
          line.append(',').append(k < s.length ? Double.toString(s[k]) : "");
        }
      }
      out.write(line.append('\n').toString());
    }
  }

  private static String csv(double value) {
    return Double.isNaN(value) ? "" : Double.toString(value);
  }
}
