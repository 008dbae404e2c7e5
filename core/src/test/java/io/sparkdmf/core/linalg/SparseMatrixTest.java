package io.sparkdmf.core.linalg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Every product and reshaping of the sparse storage against the same operation on the dense matrix. */
class SparseMatrixTest {
  private static final double TOLERANCE = 1e-12;

  /** A 37 x 23 matrix with about a fifth of its entries non-zero, one empty column and one full. */
  private static Matrix randomSparse(long seed) {
    Random random = new Random(seed);
    Matrix m = Matrix.zeros(37, 23);
    for (int j = 0; j < m.cols(); j++) {
      for (int i = 0; i < m.rows(); i++) {
        if (j == 22 || (j != 5 && random.nextDouble() < 0.2)) {
          m.set(i, j, random.nextGaussian());
        }
      }
    }
    return m;
  }

  private static void assertClose(Matrix expected, Matrix actual) {
    assertEquals(expected.rows(), actual.rows());
    assertEquals(expected.cols(), actual.cols());
    for (int e = 0; e < expected.data().length; e++) {
      assertEquals(expected.data()[e], actual.data()[e], TOLERANCE * (1 + Math.abs(expected.data()[e])), "entry " + e);
    }
  }

  @Test
  void productsAgreeWithTheDenseOnes() {
    Matrix dense = randomSparse(1);
    SparseMatrix sparse = SparseMatrix.of(dense);
    Random random = new Random(2);
    Matrix right = Matrix.gaussian(23, 4, 1, random);
    Matrix tall = Matrix.gaussian(37, 4, 1, random);
    Matrix wide = Matrix.gaussian(4, 23, 1, random);
    Matrix left = Matrix.gaussian(4, 37, 1, random);
    assertClose(dense.times(right), sparse.times(right));
    assertClose(dense.transposeTimes(tall), sparse.transposeTimes(tall));
    assertClose(dense.timesTranspose(wide), sparse.timesTranspose(wide));
    assertClose(dense.leftTimes(left), sparse.leftTimes(left));
    assertClose(dense.gram(), sparse.gram());
    assertClose(dense.rowSquaredNorms(), sparse.rowSquaredNorms());
  }

  @Test
  void reshapingsKeepEveryEntry() {
    Matrix dense = randomSparse(3);
    SparseMatrix sparse = SparseMatrix.of(dense);
    assertEquals(dense, sparse.dense());
    assertEquals(dense.transpose(), sparse.transpose().dense());
    assertEquals(dense.columns(4, 11), sparse.columns(4, 11).dense());
    int[] keep = {22, 0, 5, 7};
    assertEquals(dense.selectColumns(keep), sparse.selectColumns(keep).dense());
    double[] factors = new double[37];
    for (int i = 0; i < factors.length; i++) {
      factors[i] = i - 3.5;
    }
    assertClose(dense.scaleRows(factors), sparse.scaleRows(factors).dense()); // -0.0 where the dense scales a zero
    assertEquals(dense.get(9, 22), sparse.get(9, 22));
    assertEquals(0.0, sparse.get(9, 5));
    Matrix other = randomSparse(4);
    Matrix both = (Matrix) DataMatrix.sideBySide(List.of(dense, other));
    DataMatrix bothSparse = DataMatrix.sideBySide(List.of(sparse, SparseMatrix.of(other)));
    assertInstanceOf(SparseMatrix.class, bothSparse, "sparse beside sparse stays sparse");
    assertEquals(both, bothSparse.dense());
    assertEquals(both, DataMatrix.sideBySide(List.of(sparse, other)), "sparse beside dense is dense");
  }

  @Test
  void tripletsInAnyOrderGiveTheSameMatrix() {
    // the 3 x 3 matrix [[0, 2, 0], [1, 0, 0], [0, 3, 4]] from shuffled triplets
    SparseMatrix m = SparseMatrix.fromTriplets(3, 3, new int[] {2, 1, 0, 2}, new int[] {1, 0, 1, 2},
        new double[] {3, 1, 2, 4});
    assertEquals(new Matrix(3, 3, new double[] {0, 1, 0, 2, 0, 3, 0, 0, 4}), m.dense());
    assertEquals(4, m.stored());
  }

  @Test
  void constantColumnsCountTheUnstoredZeros() {
    Matrix dense = new Matrix(3, 4, new double[] {0, 0, 0, 2, 2, 2, 0, 0, 1, 0, 0, 0});
    SparseMatrix sparse = SparseMatrix.fromTriplets(3, 4, new int[] {0, 1, 2, 2, 1}, new int[] {1, 1, 1, 2, 3},
        new double[] {2, 2, 2, 1, 0});
    for (DataMatrix m : List.of(dense, sparse)) {
      assertTrue(m.isConstantColumn(0), "all zero: " + m);
      assertTrue(m.isConstantColumn(1), "all 2: " + m);
      assertFalse(m.isConstantColumn(2), "zeros and a 1: " + m);
      assertTrue(m.isConstantColumn(3), "an explicit zero among unstored ones: " + m);
    }
  }

  @Test
  void compactStoresSparseBelowTheThreshold() {
    Matrix mostlyZero = Matrix.zeros(20, 10);
    mostlyZero.set(3, 4, 1.5);
    assertInstanceOf(SparseMatrix.class, mostlyZero.compact());
    Matrix full = Matrix.gaussian(5, 5, 1, new Random(5));
    assertInstanceOf(Matrix.class, SparseMatrix.of(full).compact());
    assertEquals(full, SparseMatrix.of(full).compact());
  }
}
