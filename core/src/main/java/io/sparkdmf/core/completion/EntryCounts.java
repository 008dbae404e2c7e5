package io.sparkdmf.core.completion;

import java.io.Serializable;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;

/** How many observed entries each row and each column has. */
public record EntryCounts(long[] rows, long[] cols, long total) implements Serializable {

  /** Counts of entries held on the driver. */
  public static EntryCounts of(List<EntryBlock> blocks, int rows, int cols) {
    EntryCounts counts = empty(rows, cols);
    for (EntryBlock block : blocks) {
      counts = counts.add(block);
    }
    return counts;
  }

  /** Counts of entries in an RDD: one pass, arrays merged up a tree. */
  public static EntryCounts of(JavaRDD<EntryBlock> blocks, int rows, int cols) {
    return blocks.treeAggregate(empty(rows, cols), EntryCounts::add, EntryCounts::plus);
  }

  private static EntryCounts empty(int rows, int cols) {
    return new EntryCounts(new long[rows], new long[cols], 0);
  }

  private EntryCounts add(EntryBlock block) {
    for (int e = 0; e < block.size(); e++) {
      rows[block.row(e)]++;
      cols[block.col(e)]++;
    }
    return new EntryCounts(rows, cols, total + block.size());
  }

  private EntryCounts plus(EntryCounts other) {
    for (int i = 0; i < rows.length; i++) {
      rows[i] += other.rows[i];
    }
    for (int j = 0; j < cols.length; j++) {
      cols[j] += other.cols[j];
    }
    return new EntryCounts(rows, cols, total + other.total);
  }

  public double[] rowShares() {
    return shares(rows);
  }

  public double[] colShares() {
    return shares(cols);
  }

  private double[] shares(long[] counts) {
    double[] out = new double[counts.length];
    for (int k = 0; k < out.length; k++) {
      out[k] = total == 0 ? 0 : (double) counts[k] / total;
    }
    return out;
  }
}
