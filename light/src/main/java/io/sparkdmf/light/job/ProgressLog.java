package io.sparkdmf.light.job;

import io.sparkdmf.light.dip.DeepImagePrior;
import java.io.Serializable;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Logs a run's loss about every 5% of its iterations, with the time left at the pace so far. */
final class ProgressLog implements DeepImagePrior.Progress, Serializable {
  private static final Logger LOG = LoggerFactory.getLogger(ProgressLog.class);
  private static final int REPORTS = 20;

  private final String name;
  private transient long start;
  private int firstIteration;
  private int nextReport;

  ProgressLog(String name) {
    this.name = name;
  }

  @Override
  public void onLoss(int iteration, int iterations, double loss) {
    if (start == 0) {
      start = System.nanoTime();
      firstIteration = iteration;
      nextReport = iteration + Math.max(1, iterations / REPORTS);
      LOG.info("{}: iteration {}/{}, loss {}", name, iteration, iterations, format(loss));
      return;
    }
    if (iteration >= nextReport || iteration == iterations) {
      double seconds = (System.nanoTime() - start) / 1e9;
      double left = seconds / (iteration - firstIteration) * (iterations - iteration);
      LOG.info("{}: iteration {}/{}, loss {}, about {} s left", name, iteration, iterations, format(loss),
          Math.round(left));
      nextReport = iteration + Math.max(1, iterations / REPORTS);
    }
  }

  private static String format(double loss) {
    return String.format(Locale.ROOT, "%.5f", loss);
  }
}
