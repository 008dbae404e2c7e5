package io.sparkdmf.core.bias;

import io.sparkdmf.core.completion.EntryBlock;
import io.sparkdmf.core.completion.EntryCounts;
import java.io.Serializable;
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
    JavaSparkContext sc = JavaSparkContext.fromSparkContext(entries.context());
    EntryCounts counts = EntryCounts.of(entries, rows, cols);
    if (counts.total() == 0) {
      throw new IllegalArgumentException("no entries to fit biases to");
    }
    double mean = entries.map(RatingBiases::valueSum).fold(0.0, Double::sum) / counts.total();
    RatingBiases biases = new RatingBiases(mean, new double[rows], new double[cols]);
    for (int pass = 0; pass < MAX_PASSES; pass++) {
      RatingBiases next = biases.withRowBias(biases.refit(sc, entries, true, counts.rows(), regParam));
      next = next.withColBias(next.refit(sc, entries, false, counts.cols(), regParam));
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

  /** One side's biases given the other side's: the ridge solution, one pass over the entries. */
  private double[] refit(JavaSparkContext sc, JavaRDD<EntryBlock> entries, boolean rowSide, long[] counts,
      double regParam) {
    Broadcast<RatingBiases> current = sc.broadcast(this);
    double[] sums = entries.treeAggregate(new double[counts.length], (acc, block) -> {
      RatingBiases b = current.value();
      for (int e = 0; e < block.size(); e++) {
        double other = rowSide ? b.colBias[block.col(e)] : b.rowBias[block.row(e)];
        acc[rowSide ? block.row(e) : block.col(e)] += block.value(e) - b.mean - other;
      }
      return acc;
    }, (a, b) -> {
      for (int k = 0; k < a.length; k++) {
        a[k] += b[k];
      }
      return a;
    });
    current.destroy();
    for (int k = 0; k < sums.length; k++) {
      sums[k] /= regParam + counts[k];
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
