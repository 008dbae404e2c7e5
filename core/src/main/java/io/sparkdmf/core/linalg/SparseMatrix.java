package io.sparkdmf.core.linalg;

import java.util.Arrays;
import java.util.List;

/**
 * A sparse matrix in compressed columns: the stored entries of column j are {@code values[p]} at rows
 * {@code rowIndex[p]} for p from {@code columnStart[j]} to {@code columnStart[j + 1]}, rows ascending.
 * Immutable. As features x samples (a block of a text view: a column per document) every product a
 * pass needs reads each stored entry once.
 */
public final class SparseMatrix implements DataMatrix {
  private static final long serialVersionUID = 1L;

  private final int rows;
  private final int cols;
  private final int[] columnStart;
  private final int[] rowIndex;
  private final double[] values;

  public SparseMatrix(int rows, int cols, int[] columnStart, int[] rowIndex, double[] values) {
    if (rows < 0 || cols < 0 || columnStart.length != cols + 1 || columnStart[0] != 0
        || columnStart[cols] != rowIndex.length || rowIndex.length != values.length) {
      throw new IllegalArgumentException("inconsistent compressed columns for a " + rows + "x" + cols + " matrix");
    }
    for (int j = 0; j < cols; j++) {
      for (int p = columnStart[j]; p < columnStart[j + 1]; p++) {
        if (rowIndex[p] < 0 || rowIndex[p] >= rows || (p > columnStart[j] && rowIndex[p] <= rowIndex[p - 1])) {
          throw new IllegalArgumentException("column " + j + ": row indices must ascend within 0.." + (rows - 1));
        }
      }
    }
    this.rows = rows;
    this.cols = cols;
    this.columnStart = columnStart;
    this.rowIndex = rowIndex;
    this.values = values;
  }

  /** The non-zero entries of any data matrix, in compressed columns. */
  public static SparseMatrix of(DataMatrix m) {
    if (m instanceof SparseMatrix sparse) {
      return sparse;
    }
    Matrix dense = m.dense();
    int[] start = new int[dense.cols() + 1];
    int count = 0;
    for (double value : dense.data()) {
      count += value != 0 ? 1 : 0;
    }
    int[] index = new int[count];
    double[] stored = new double[count];
    int p = 0;
    for (int j = 0; j < dense.cols(); j++) {
      for (int i = 0; i < dense.rows(); i++) {
        double value = dense.get(i, j);
        if (value != 0) {
          index[p] = i;
          stored[p++] = value;
        }
      }
      start[j + 1] = p;
    }
    return new SparseMatrix(dense.rows(), dense.cols(), start, index, stored);
  }

  /**
   * From entries given as (row, column, value) triplets in any order, each position at most once
   * (zeros are kept as stored entries).
   */
  public static SparseMatrix fromTriplets(int rows, int cols, int[] row, int[] col, double[] value) {
    int[] start = new int[cols + 1];
    for (int c : col) {
      if (c < 0 || c >= cols) {
        throw new IllegalArgumentException("column " + c + " outside 0.." + (cols - 1));
      }
      start[c + 1]++;
    }
    for (int j = 0; j < cols; j++) {
      start[j + 1] += start[j];
    }
    int[] next = Arrays.copyOf(start, cols);
    long[] packed = new long[row.length]; // row in the high bits, the entry's position in the low ones
    for (int e = 0; e < row.length; e++) {
      packed[next[col[e]]++] = ((long) row[e] << 32) | e;
    }
    int[] index = new int[row.length];
    double[] stored = new double[row.length];
    for (int j = 0; j < cols; j++) {
      Arrays.sort(packed, start[j], start[j + 1]);
      for (int p = start[j]; p < start[j + 1]; p++) {
        index[p] = (int) (packed[p] >>> 32);
        stored[p] = value[(int) packed[p]];
      }
    }
    return new SparseMatrix(rows, cols, start, index, stored);
  }

  /** The matrices side by side (all with the same rows). */
  static SparseMatrix sideBySide(List<SparseMatrix> parts) {
    int rows = parts.get(0).rows;
    int cols = 0;
    int count = 0;
    for (SparseMatrix part : parts) {
      if (part.rows != rows) {
        throw new IllegalArgumentException("cannot put " + part.rows + " rows beside " + rows);
      }
      cols += part.cols;
      count += part.values.length;
    }
    int[] start = new int[cols + 1];
    int[] index = new int[count];
    double[] stored = new double[count];
    int column = 0;
    int p = 0;
    for (SparseMatrix part : parts) {
      System.arraycopy(part.rowIndex, 0, index, p, part.rowIndex.length);
      System.arraycopy(part.values, 0, stored, p, part.values.length);
      for (int j = 0; j < part.cols; j++) {
        start[++column] = p + part.columnStart[j + 1];
      }
      p += part.values.length;
    }
    return new SparseMatrix(rows, cols, start, index, stored);
  }

  @Override
  public int rows() {
    return rows;
  }

  @Override
  public int cols() {
    return cols;
  }

  @Override
  public double get(int i, int j) {
    int p = Arrays.binarySearch(rowIndex, columnStart[j], columnStart[j + 1], i);
    return p >= 0 ? values[p] : 0;
  }

  @Override
  public Matrix times(Matrix m) {
    requireRows(m, cols, "this * m");
    return scatter(m.transpose(), true).transpose();
  }

  @Override
  public Matrix transposeTimes(Matrix m) {
    requireRows(m, rows, "this^T * m");
    return scatter(m.transpose(), false).transpose();
  }

  @Override
  public Matrix timesTranspose(Matrix m) {
    if (m.cols() != cols) {
      throw new IllegalArgumentException("this * m^T: m has " + m.cols() + " columns, this " + cols);
    }
    return scatter(m, true).transpose();
  }

  @Override
  public Matrix leftTimes(Matrix a) {
    if (a.cols() != rows) {
      throw new IllegalArgumentException("a * this: a has " + a.cols() + " columns, this " + rows + " rows");
    }
    return scatter(a, false);
  }

  /**
   * The one loop behind every product with a small dense operand W (w x something): for each stored
   * entry (i, j, v), column i of the result gets v times column j of W ({@code byRow}: the result is
   * w x rows), or column j gets v times column i (w x cols). Both columns are contiguous, so the inner
   * loop is a short axpy the JIT vectorises; the products transpose their small operand or result to
   * fit it, which costs (rows or cols) x w, less than the pass itself.
   */
  private Matrix scatter(Matrix w, boolean byRow) {
    int width = w.rows();
    Matrix out = Matrix.zeros(width, byRow ? rows : cols);
    double[] o = out.data();
    double[] in = w.data();
    for (int j = 0; j < cols; j++) {
      for (int p = columnStart[j]; p < columnStart[j + 1]; p++) {
        double value = values[p];
        int target = (byRow ? rowIndex[p] : j) * width;
        int source = (byRow ? j : rowIndex[p]) * width;
        for (int q = 0; q < width; q++) {
          o[target + q] += value * in[source + q];
        }
      }
    }
    return out;
  }

  @Override
  public Matrix gram() {
    Matrix out = Matrix.zeros(rows, rows);
    double[] o = out.data();
    for (int j = 0; j < cols; j++) {
      for (int p = columnStart[j]; p < columnStart[j + 1]; p++) {
        int offset = rowIndex[p] * rows;
        for (int q = columnStart[j]; q < columnStart[j + 1]; q++) {
          o[offset + rowIndex[q]] += values[p] * values[q];
        }
      }
    }
    return out;
  }

  @Override
  public Matrix rowSquaredNorms() {
    Matrix out = Matrix.zeros(rows, 1);
    for (int p = 0; p < values.length; p++) {
      out.data()[rowIndex[p]] += values[p] * values[p];
    }
    return out;
  }

  @Override
  public SparseMatrix transpose() {
    int[] start = new int[rows + 1];
    for (int i : rowIndex) {
      start[i + 1]++;
    }
    for (int i = 0; i < rows; i++) {
      start[i + 1] += start[i];
    }
    int[] next = Arrays.copyOf(start, rows);
    int[] index = new int[values.length];
    double[] stored = new double[values.length];
    for (int j = 0; j < cols; j++) {
      for (int p = columnStart[j]; p < columnStart[j + 1]; p++) {
        int at = next[rowIndex[p]]++;
        index[at] = j;
        stored[at] = values[p];
      }
    }
    return new SparseMatrix(cols, rows, start, index, stored);
  }

  @Override
  public SparseMatrix columns(int from, int to) {
    int[] start = new int[to - from + 1];
    for (int j = from; j < to; j++) {
      start[j - from + 1] = columnStart[j + 1] - columnStart[from];
    }
    return new SparseMatrix(rows, to - from, start, Arrays.copyOfRange(rowIndex, columnStart[from], columnStart[to]),
        Arrays.copyOfRange(values, columnStart[from], columnStart[to]));
  }

  @Override
  public SparseMatrix selectColumns(int[] keep) {
    int[] start = new int[keep.length + 1];
    for (int c = 0; c < keep.length; c++) {
      start[c + 1] = start[c] + columnStart[keep[c] + 1] - columnStart[keep[c]];
    }
    int[] index = new int[start[keep.length]];
    double[] stored = new double[index.length];
    for (int c = 0; c < keep.length; c++) {
      int from = columnStart[keep[c]];
      int length = columnStart[keep[c] + 1] - from;
      System.arraycopy(rowIndex, from, index, start[c], length);
      System.arraycopy(values, from, stored, start[c], length);
    }
    return new SparseMatrix(rows, keep.length, start, index, stored);
  }

  @Override
  public SparseMatrix scaleRows(double[] factors) {
    double[] scaled = new double[values.length];
    for (int p = 0; p < values.length; p++) {
      scaled[p] = values[p] * factors[rowIndex[p]];
    }
    return new SparseMatrix(rows, cols, columnStart, rowIndex, scaled);
  }

  @Override
  public boolean isConstantColumn(int j) {
    int count = columnStart[j + 1] - columnStart[j];
    // the value every entry must share: an unstored zero if the column has one, else its first entry
    double shared = count < rows ? 0 : count == 0 ? 0 : values[columnStart[j]];
    for (int p = columnStart[j]; p < columnStart[j + 1]; p++) {
      if (values[p] != shared) {
        return false;
      }
    }
    return true;
  }

  @Override
  public void forEachStored(EntryVisitor visitor) {
    for (int j = 0; j < cols; j++) {
      for (int p = columnStart[j]; p < columnStart[j + 1]; p++) {
        visitor.visit(rowIndex[p], j, values[p]);
      }
    }
  }

  @Override
  public long stored() {
    return values.length;
  }

  @Override
  public Matrix dense() {
    Matrix out = Matrix.zeros(rows, cols);
    forEachStored((i, j, value) -> out.set(i, j, value));
    return out;
  }

  /** The row of every stored entry, column after column (shared: do not modify). */
  public int[] rowIndices() {
    return rowIndex;
  }

  /** The stored values, column after column (shared: do not modify). */
  public double[] values() {
    return values;
  }

  /** Where column j's entries start in {@link #rowIndices()} and {@link #values()}; j = cols gives the total. */
  public int columnStart(int j) {
    return columnStart[j];
  }

  private static void requireRows(Matrix m, int expected, String product) {
    if (m.rows() != expected) {
      throw new IllegalArgumentException(product + ": m has " + m.rows() + " rows, expected " + expected);
    }
  }

  @Override
  public String toString() {
    return "SparseMatrix(" + rows + "x" + cols + ", " + values.length + " stored)";
  }
}
