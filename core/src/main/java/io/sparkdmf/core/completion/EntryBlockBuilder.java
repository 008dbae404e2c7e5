package io.sparkdmf.core.completion;

import java.util.Arrays;

/** Grows a block entry by entry (amortised doubling), for readers and generators. */
public final class EntryBlockBuilder {
  private int[] rows = new int[16];
  private int[] cols = new int[16];
  private double[] values = new double[16];
  private int size;

  public EntryBlockBuilder add(int row, int col, double value) {
    if (size == rows.length) {
      int capacity = Math.max(16, size * 2);
      rows = Arrays.copyOf(rows, capacity);
      cols = Arrays.copyOf(cols, capacity);
      values = Arrays.copyOf(values, capacity);
    }
    rows[size] = row;
    cols[size] = col;
    values[size] = value;
    size++;
    return this;
  }

  public int size() {
    return size;
  }

  public EntryBlock build() {
    return new EntryBlock(
        Arrays.copyOf(rows, size), Arrays.copyOf(cols, size), Arrays.copyOf(values, size));
  }
}
