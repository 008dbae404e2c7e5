package io.sparkdmf.core.linalg;

import java.io.Serializable;
import java.util.List;

/**
 * A data matrix as the passes over samples read it, stored dense ({@link Matrix}) or sparse
 * ({@link SparseMatrix}): the products a pass needs, each costing the storage's size (rows x cols
 * dense, the stored entries sparse) times the small operand's width. Results are dense and small.
 */
public interface DataMatrix extends Serializable {

  /** Below this share of non-zero entries a data matrix is kept sparse ({@link #compact}). */
  double SPARSE_DENSITY = 0.1;

  int rows();

  int cols();

  double get(int i, int j);

  /** this * m. */
  Matrix times(Matrix m);

  /** this^T * m. */
  Matrix transposeTimes(Matrix m);

  /** this * m^T. */
  Matrix timesTranspose(Matrix m);

  /** a * this. */
  Matrix leftTimes(Matrix a);

  /** this * this^T (rows x rows: for a few thousand rows at most). */
  Matrix gram();

  /** Each row's squared Euclidean norm, rows x 1. */
  Matrix rowSquaredNorms();

  /** The transpose, stored as this is. */
  DataMatrix transpose();

  /** Columns {@code from} (inclusive) to {@code to} (exclusive), stored as this is. */
  DataMatrix columns(int from, int to);

  /** The given columns, in the given order, stored as this is. */
  DataMatrix selectColumns(int[] keep);

  /** Every row scaled: row i times factors[i]. */
  DataMatrix scaleRows(double[] factors);

  /** Whether every entry of column j, stored or not, has the same value. */
  boolean isConstantColumn(int j);

  /** Visits every stored entry (for a dense matrix, every entry). */
  void forEachStored(EntryVisitor visitor);

  /** How many entries are stored (for a dense matrix, all). */
  long stored();

  /** A dense copy (or this, when already dense). */
  Matrix dense();

  /** One stored entry. */
  interface EntryVisitor {
    void visit(int i, int j, double value);
  }

  /** The number of non-zero entries, stored or not. */
  default long nonZeros() {
    long[] count = {0};
    forEachStored((i, j, value) -> {
      if (value != 0) {
        count[0]++;
      }
    });
    return count[0];
  }

  /**
   * The same matrix stored the cheaper way: sparse below {@link #SPARSE_DENSITY} non-zeros (a pass
   * then costs the non-zeros, not rows x cols), dense above (where BLAS-3 is faster per entry).
   */
  default DataMatrix compact() {
    double density = rows() == 0 || cols() == 0 ? 1 : (double) nonZeros() / ((double) rows() * cols());
    return density < SPARSE_DENSITY ? SparseMatrix.of(this) : dense();
  }

  /** The matrices side by side (all with the same rows): sparse when every one is, else dense. */
  static DataMatrix sideBySide(List<? extends DataMatrix> parts) {
    if (parts.stream().allMatch(p -> p instanceof SparseMatrix)) {
      return SparseMatrix.sideBySide(parts.stream().map(p -> (SparseMatrix) p).toList());
    }
    int rows = parts.get(0).rows();
    int cols = parts.stream().mapToInt(DataMatrix::cols).sum();
    Matrix out = Matrix.zeros(rows, cols);
    int at = 0;
    for (DataMatrix part : parts) {
      double[] data = part.dense().data();
      System.arraycopy(data, 0, out.data(), at * rows, data.length);
      at += part.cols();
    }
    return out;
  }
}
