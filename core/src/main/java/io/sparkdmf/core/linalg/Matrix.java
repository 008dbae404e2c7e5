package io.sparkdmf.core.linalg;

import java.io.Serializable;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/** A dense column-major matrix of doubles: entry (i, j) is {@code data[i + j * rows]}. */
public final class Matrix implements DataMatrix {
  private static final long serialVersionUID = 1L;

  private final int rows;
  private final int cols;
  private final double[] data;

  public Matrix(int rows, int cols, double[] data) {
    if (rows < 0 || cols < 0 || (long) rows * cols != data.length) {
      throw new IllegalArgumentException(
          "a " + rows + "x" + cols + " matrix needs " + (long) rows * cols + " values, got " + data.length);
    }
    this.rows = rows;
    this.cols = cols;
    this.data = data;
  }

  public static Matrix zeros(int rows, int cols) {
    return new Matrix(rows, cols, new double[Math.multiplyExact(rows, cols)]);
  }

  /** The rectangular identity: ones on the main diagonal. */
  public static Matrix identity(int rows, int cols) {
    Matrix eye = zeros(rows, cols);
    for (int i = 0; i < Math.min(rows, cols); i++) {
      eye.set(i, i, 1.0);
    }
    return eye;
  }

  public static Matrix gaussian(int rows, int cols, double stddev, Random random) {
    Matrix g = zeros(rows, cols);
    for (int i = 0; i < g.data.length; i++) {
      g.data[i] = stddev * random.nextGaussian();
    }
    return g;
  }

  @Override
  public int rows() {
    return rows;
  }

  @Override
  public int cols() {
    return cols;
  }

  /** The backing column-major array (shared, not copied). */
  public double[] data() {
    return data;
  }

  @Override
  public double get(int i, int j) {
    return data[i + j * rows];
  }

  public void set(int i, int j, double value) {
    data[i + j * rows] = value;
  }

  public Matrix copy() {
    return new Matrix(rows, cols, data.clone());
  }

  /** this * other. */
  @Override
  public Matrix times(Matrix other) {
    Matrix c = zeros(rows, other.cols);
    Blas.gemm(false, false, 1.0, this, other, 0.0, c);
    return c;
  }

  /** this^T * other. */
  @Override
  public Matrix transposeTimes(Matrix other) {
    Matrix c = zeros(cols, other.cols);
    Blas.gemm(true, false, 1.0, this, other, 0.0, c);
    return c;
  }

  /** this * other^T. */
  @Override
  public Matrix timesTranspose(Matrix other) {
    Matrix c = zeros(rows, other.rows);
    Blas.gemm(false, true, 1.0, this, other, 0.0, c);
    return c;
  }

  @Override
  public Matrix leftTimes(Matrix a) {
    return a.times(this);
  }

  @Override
  public Matrix gram() {
    return timesTranspose(this);
  }

  @Override
  public Matrix rowSquaredNorms() {
    Matrix out = zeros(rows, 1);
    for (int j = 0; j < cols; j++) {
      for (int i = 0; i < rows; i++) {
        double value = data[i + j * rows];
        out.data[i] += value * value;
      }
    }
    return out;
  }

  @Override
  public Matrix columns(int from, int to) {
    return new Matrix(rows, to - from, Arrays.copyOfRange(data, from * rows, to * rows));
  }

  @Override
  public Matrix selectColumns(int[] keep) {
    Matrix out = zeros(rows, keep.length);
    for (int c = 0; c < keep.length; c++) {
      System.arraycopy(data, keep[c] * rows, out.data, c * rows, rows);
    }
    return out;
  }

  @Override
  public Matrix scaleRows(double[] factors) {
    Matrix out = zeros(rows, cols);
    for (int j = 0; j < cols; j++) {
      for (int i = 0; i < rows; i++) {
        out.data[i + j * rows] = data[i + j * rows] * factors[i];
      }
    }
    return out;
  }

  @Override
  public boolean isConstantColumn(int j) {
    for (int i = 1; i < rows; i++) {
      if (data[i + j * rows] != data[j * rows]) {
        return false;
      }
    }
    return true;
  }

  @Override
  public void forEachStored(EntryVisitor visitor) {
    for (int j = 0; j < cols; j++) {
      for (int i = 0; i < rows; i++) {
        visitor.visit(i, j, data[i + j * rows]);
      }
    }
  }

  @Override
  public long stored() {
    return data.length;
  }

  @Override
  public Matrix dense() {
    return this;
  }

  @Override
  public Matrix transpose() {
    Matrix t = zeros(cols, rows);
    for (int j = 0; j < cols; j++) {
      for (int i = 0; i < rows; i++) {
        t.data[j + i * cols] = data[i + j * rows];
      }
    }
    return t;
  }

  /** The matrices stacked top to bottom (all with the same number of columns). */
  public static Matrix stackRows(List<Matrix> blocks) {
    int cols = blocks.get(0).cols;
    int rows = 0;
    for (Matrix b : blocks) {
      if (b.cols != cols) {
        throw new IllegalArgumentException("cannot stack " + b.cols + " columns under " + cols);
      }
      rows += b.rows;
    }
    Matrix out = zeros(rows, cols);
    int top = 0;
    for (Matrix b : blocks) {
      for (int j = 0; j < cols; j++) {
        System.arraycopy(b.data, j * b.rows, out.data, top + j * rows, b.rows);
      }
      top += b.rows;
    }
    return out;
  }

  /** this += alpha * other. */
  public void addScaled(double alpha, Matrix other) {
    requireSameShape(other);
    Blas.axpy(alpha, other.data, data);
  }

  public void scale(double alpha) {
    for (int i = 0; i < data.length; i++) {
      data[i] *= alpha;
    }
  }

  public Matrix minus(Matrix other) {
    Matrix d = copy();
    d.addScaled(-1.0, other);
    return d;
  }

  public double frobeniusNormSquared() {
    return Blas.dot(data, data);
  }

  public boolean allFinite() {
    for (double v : data) {
      if (!Double.isFinite(v)) {
        return false;
      }
    }
    return true;
  }

  private void requireSameShape(Matrix other) {
    if (other.rows != rows || other.cols != cols) {
      throw new IllegalArgumentException(
          "shapes differ: " + rows + "x" + cols + " vs " + other.rows + "x" + other.cols);
    }
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Matrix m && m.rows == rows && m.cols == cols && Arrays.equals(m.data, data);
  }

  @Override
  public int hashCode() {
    return 31 * (31 * rows + cols) + Arrays.hashCode(data);
  }

  @Override
  public String toString() {
    return "Matrix(" + rows + "x" + cols + ")";
  }
}
