package io.sparkdmf.core.engine.blocked;

import io.sparkdmf.core.completion.EntryBlock;
import java.io.Serializable;
import java.util.Arrays;

/**
 * The observed entries of one grid cell, in local coordinates: entry e is at row
 * {@code rowIds[localRow[e]]} and column {@code colIds[localCol[e]]}, where rowIds and colIds are
 * the sorted distinct global rows and columns of the cell. Each step the cell receives exactly those
 * rows and columns of the factors, in that order.
 */
public record GridBlock(int[] rowIds, int[] colIds, int[] localRow, int[] localCol, double[] values)
    implements Serializable {

  public static GridBlock of(EntryBlock entries) {
    int[] rowIds = distinctSorted(entries, true);
    int[] colIds = distinctSorted(entries, false);
    int n = entries.size();
    int[] localRow = new int[n];
    int[] localCol = new int[n];
    double[] values = new double[n];
    for (int e = 0; e < n; e++) {
      localRow[e] = Arrays.binarySearch(rowIds, entries.row(e));
      localCol[e] = Arrays.binarySearch(colIds, entries.col(e));
      values[e] = entries.value(e);
    }
    return new GridBlock(rowIds, colIds, localRow, localCol, values);
  }

  public int size() {
    return values.length;
  }

  private static int[] distinctSorted(EntryBlock entries, boolean rows) {
    int[] ids = new int[entries.size()];
    for (int e = 0; e < ids.length; e++) {
      ids[e] = rows ? entries.row(e) : entries.col(e);
    }
    return Arrays.stream(ids).sorted().distinct().toArray();
  }
}
