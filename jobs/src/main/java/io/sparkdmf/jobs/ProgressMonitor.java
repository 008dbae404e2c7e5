package io.sparkdmf.jobs;

import io.sparkdmf.core.engine.ObservedEntries;
import io.sparkdmf.core.linalg.Matrix;
import io.sparkdmf.core.metrics.Metrics;
import io.sparkdmf.core.model.DeepFactorization;
import io.sparkdmf.core.train.TrainingListener;
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
 * truth or test set is known, time per step) and a history row every {@code historyEvery} steps.
 * Errors are computed only at those moments, never on every step.
 */
final class ProgressMonitor implements TrainingListener {
  private static final Logger LOG = LoggerFactory.getLogger(ProgressMonitor.class);

  /** One line of history.csv; NaN where a quantity is not known. */
  record Row(int step, double trainLoss, double reconstructionError, double testRmse, double seconds) {}

  private final int maxSteps;
  private final int historyEvery;
  private final double logEverySeconds;
  private final Optional<Matrix> truth;
  private final ObservedEntries test;
  private final List<Row> history = new ArrayList<>();
  private double lastLogSeconds = Double.NEGATIVE_INFINITY;
  private int lastLogStep;

  /** @param test held-out entries, or null */
  ProgressMonitor(int maxSteps, int historyEvery, double logEverySeconds, Optional<Matrix> truth,
      ObservedEntries test) {
    this.maxSteps = maxSteps;
    this.historyEvery = historyEvery;
    this.logEverySeconds = logEverySeconds;
    this.truth = truth;
    this.test = test;
  }

  @Override
  public void onIterate(int step, double trainLoss, DeepFactorization model, double secondsSoFar) {
    boolean record = step % historyEvery == 0;
    boolean log = secondsSoFar - lastLogSeconds >= logEverySeconds;
    if (record || log) {
      Row row = measure(step, trainLoss, model, secondsSoFar);
      if (record) {
        history.add(row);
      }
      if (log) {
        log(row);
      }
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

  List<Row> history() {
    return history;
  }

  private Row measure(int step, double trainLoss, DeepFactorization model, double seconds) {
    double error = truth.map(t -> Metrics.reconstructionError(model, t)).orElse(Double.NaN);
    double testRmse = test == null ? Double.NaN : Metrics.rmse(model, test);
    return new Row(step, trainLoss, error, testRmse, seconds);
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
    out.write("step,train_loss,reconstruction_error,test_rmse,seconds\n");
    for (Row row : history) {
      out.write(row.step() + "," + row.trainLoss() + "," + csv(row.reconstructionError()) + ","
          + csv(row.testRmse()) + "," + row.seconds() + "\n");
    }
  }

  private static String csv(double value) {
    return Double.isNaN(value) ? "" : Double.toString(value);
  }
}
