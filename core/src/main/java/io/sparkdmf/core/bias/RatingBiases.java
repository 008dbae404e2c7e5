package io.sparkdmf.core.bias;

import io.sparkdmf.core.completion.EntryBlock;
import io.sparkdmf.core.completion.EntryCounts;
import io.sparkdmf.core.engine.EngineChoice;
import java.io.Serializable;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;

/**
 * The baseline of rating data, r_ij ~ mu + b_i + c_j: a global mean and a bias per row (user) and per
 * column (item). Rating matrices are far from zero-mean (MovieLens averages 3.5 stars) and some users
 * rate high, some items are liked by all; a factorization trained from small initialization would
 * otherwise spend its first components and many steps on these offsets. The biases are fitted first,
 * by ridge regression with {@code regParam} pseudo-entries at zero (b_i = sum_j (r_ij - mu - c_j) /
 * (regParam + n_i), and the same for c_j), alternating until no bias moves by more than
 * {@link #TOLERANCE}; the factorization is then fitted to what they leave (Koren's "baseline
 * predictors", fitted before the factors).
 */
public record RatingBiases(double mean, double[] rowBias, double[] colBias) implements Serializable {

  /** The alternating fit stops once no bias changes by more than this in a pass. */
  public static final double TOLERANCE = 1e-7;
  /** Passes at most; each is two passes over the entries. */
  public static final int MAX_PASSES = 200;

  /** Fits the biases to the entries of a {@code rows} x {@code cols} matrix. */
  public static RatingBiases fit(JavaRDD<EntryBlock> entries, int rows, int cols, double regParam) {
    if (!(regParam >= 0) || Double.isInfinite(regParam)) {
      throw new IllegalArgumentException("the bias regularization must be finite and >= 0, got " + regParam);
    }
    EntryCounts counts = EntryCounts.of(entries, rows, cols);
    if (counts.total() == 0) {
      throw new IllegalArgumentException("no entries to fit biases to");
    }
    // as many entries as the local engine takes: the passes run on the driver, on entries collected
    // once, since a Spark job per pass would cost more than the pass
    if (counts.total() <= EngineChoice.AUTO_LOCAL_LIMIT) {
      List<EntryBlock> onDriver = entries.collect();
      return fit(counts, onDriver.stream().mapToDouble(RatingBiases::valueSum).sum(), regParam,
          (biases, rowSide) -> biases.residualSums(onDriver, rowSide));
    }
    JavaSparkContext sc = JavaSparkContext.fromSparkContext(entries.context());
    return fit(counts, entries.map(RatingBiases::valueSum).fold(0.0, Double::sum), regParam,
        (biases, rowSide) -> biases.residualSums(sc, entries, rowSide));
  }

  /** Per row (or column) sums of r_ij - mu - (the other side's bias), over every entry. */
  @FunctionalInterface
  private interface ResidualSums {
    double[] of(RatingBiases biases, boolean rowSide);
  }

  private static RatingBiases fit(EntryCounts counts, double valueSum, double regParam, ResidualSums sums) {
    RatingBiases biases = new RatingBiases(valueSum / counts.total(), new double[counts.rows().length],
        new double[counts.cols().length]);
    for (int pass = 0; pass < MAX_PASSES; pass++) {
      RatingBiases next = biases.withRowBias(ridge(sums.of(biases, true), counts.rows(), regParam));
      next = next.withColBias(ridge(sums.of(next, false), counts.cols(), regParam));
      double change = Math.max(largestChange(biases.rowBias, next.rowBias), largestChange(biases.colBias, next.colBias));
      biases = next;
      if (change <= TOLERANCE) {
        break;
      }
    }
    return biases;
  }

  private static double largestChange(double[] before, double[] after) {
    double largest = 0;
    for (int k = 0; k < before.length; k++) {
      largest = Math.max(largest, Math.abs(after[k] - before[k]));
    }
    return largest;
  }

  private static double valueSum(EntryBlock block) {
    double sum = 0;
    for (int e = 0; e < block.size(); e++) {
      sum += block.value(e);
    }
    return sum;
  }

  /** One side's biases given its residual sums: the ridge solution sum / (regParam + count). */
  private static double[] ridge(double[] sums, long[] counts, double regParam) {
    for (int k = 0; k < sums.length; k++) {
      sums[k] /= regParam + counts[k];
    }
    return sums;
  }

  /** The residual sums of one side over entries on the driver. */
  private double[] residualSums(List<EntryBlock> entries, boolean rowSide) {
    double[] sums = new double[rowSide ? rowBias.length : colBias.length];
    for (EntryBlock block : entries) {
      addResidualSums(sums, block, rowSide);
    }
    return sums;
  }

  /** The residual sums of one side over an RDD: one pass, merged up a tree. */
  private double[] residualSums(JavaSparkContext sc, JavaRDD<EntryBlock> entries, boolean rowSide) {
    Broadcast<RatingBiases> current = sc.broadcast(this);
    double[] sums = entries.treeAggregate(new double[rowSide ? rowBias.length : colBias.length],
        (acc, block) -> current.value().addResidualSums(acc, block, rowSide), (a, b) -> {
          for (int k = 0; k < a.length; k++) {
            a[k] += b[k];
          }
          return a;
        });
    current.destroy();
    return sums;
  }

  private double[] addResidualSums(double[] sums, EntryBlock block, boolean rowSide) {
    for (int e = 0; e < block.size(); e++) {
      double other = rowSide ? colBias[block.col(e)] : rowBias[block.row(e)];
      sums[rowSide ? block.row(e) : block.col(e)] += block.value(e) - mean - other;
    }
    return sums;
  }

  private RatingBiases withRowBias(double[] bias) {
    return new RatingBiases(mean, bias, colBias);
  }

  private RatingBiases withColBias(double[] bias) {
    return new RatingBiases(mean, rowBias, bias);
  }

  /** mu + b_i + c_j. */
  public double predict(int row, int col) {
    return mean + rowBias[row] + colBias[col];
  }

  /** The entries with the baseline taken off: r_ij - mu - b_i - c_j, what the factors are fitted to. */
  public JavaRDD<EntryBlock> residuals(JavaRDD<EntryBlock> entries) {
    Broadcast<RatingBiases> biases = JavaSparkContext.fromSparkContext(entries.context()).broadcast(this);
    return entries.map(block -> biases.value().residuals(block));
  }

  /** The same for one block, e.g. held-out entries on the driver. */
  public EntryBlock residuals(EntryBlock block) {
    double[] values = new double[block.size()];
    for (int e = 0; e < block.size(); e++) {
      values[e] = block.value(e) - predict(block.row(e), block.col(e));
    }
    return block.withValues(values);
  }
}
