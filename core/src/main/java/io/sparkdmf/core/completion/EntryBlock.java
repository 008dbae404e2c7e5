package io.sparkdmf.core.completion;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A block of observed entries (row, col, value) stored column-wise in three primitive arrays, so a
 * partition holds a few large arrays rather than one object per entry. Indices are 0-based.
 */
public final class EntryBlock implements Serializable {
  private static final long serialVersionUID = 1L;

  private final int[] rows;
  private final int[] cols;
  private final double[] values;

  public EntryBlock(int[] rows, int[] cols, double[] values) {
    if (rows.length != cols.length || rows.length != values.length) {
      throw new IllegalArgumentException("rows, cols and values must have the same length");
    }
    this.rows = rows;
    this.cols = cols;
    this.values = values;
  }

  public int size() {
    return rows.length;
  }

  public int row(int e) {
    return rows[e];
  }

  public int col(int e) {
    return cols[e];
  }

  public double value(int e) {
    return values[e];
  }

  /** The same positions with new values (the index arrays are shared, not copied). */
  public EntryBlock withValues(double[] newValues) {
    return new EntryBlock(rows, cols, newValues);
  }

  /**
   * The same entries ordered by column, then row. The kernel walks entries in this order so that
   * consecutive entries share column j and its panel column stays in the L1 cache.
   */
  public EntryBlock sortedByColumn() {
    Integer[] order = new Integer[size()];
    Arrays.setAll(order, e -> e);
    Arrays.sort(order, (x, y) -> cols[x] != cols[y]
        ? Integer.compare(cols[x], cols[y]) : Integer.compare(rows[x], rows[y]));
    EntryBlockBuilder builder = new EntryBlockBuilder();
    for (int e : order) {
      builder.add(rows[e], cols[e], values[e]);
    }
    return builder.build();
  }

  /** All entries of {@code blocks} in one block, in order. */
  public static EntryBlock concat(List<EntryBlock> blocks) {
    EntryBlockBuilder builder = new EntryBlockBuilder();
    for (EntryBlock block : blocks) {
      for (int e = 0; e < block.size(); e++) {
        builder.add(block.rows[e], block.cols[e], block.values[e]);
      }
    }
    return builder.build();
  }

  /** Cuts this block into consecutive blocks of at most {@code blockSize} entries. */
  public List<EntryBlock> split(int blockSize) {
    List<EntryBlock> blocks = new ArrayList<>();
    for (int from = 0; from < size(); from += blockSize) {
      int to = Math.min(size(), from + blockSize);
      blocks.add(new EntryBlock(
          Arrays.copyOfRange(rows, from, to),
          Arrays.copyOfRange(cols, from, to),
          Arrays.copyOfRange(values, from, to)));
    }
    return blocks;
  }
}
