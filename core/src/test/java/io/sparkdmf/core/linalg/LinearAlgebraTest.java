package io.sparkdmf.core.linalg;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class LinearAlgebraTest {

  @Test
  void productsMatchHandWorkedValues() {
    Matrix a = new Matrix(2, 3, new double[] {1, 4, 2, 5, 3, 6}); // [[1 2 3], [4 5 6]]
    Matrix b = new Matrix(3, 2, new double[] {7, 9, 11, 8, 10, 12}); // [[7 8], [9 10], [11 12]]
    assertArrayEquals(new double[] {58, 139, 64, 154}, a.times(b).data());
    assertArrayEquals(new double[] {58, 139, 64, 154}, a.transpose().transposeTimes(b).data());
    assertArrayEquals(new double[] {58, 139, 64, 154}, a.timesTranspose(b.transpose()).data());
    double[] y = new double[2];
    Blas.gemv(false, 1.0, a, new double[] {1, 1, 1}, 0.0, y);
    assertArrayEquals(new double[] {6, 15}, y);
    Matrix gram = Matrix.zeros(3, 3);
    Blas.syrkTransposed(1.0, a, 0.0, gram);
    // small integers: every product and partial sum is exact, in any order
    assertArrayEquals(a.transposeTimes(a).data(), gram.data(), 0.0);
  }

  /** Both sides of the in-JVM / native switch, at offsets inside larger arrays, against plain loops. */
  @Test
  void rangeProductsMatchPlainLoopsOnBothBackends() {
    Random random = new Random(5);
    for (int n : new int[] {1, 7, 100, Blas.NATIVE_FROM - 1, Blas.NATIVE_FROM, 10_000}) {
      double[] x = random.doubles(n + 13).toArray();
      double[] y = random.doubles(n + 29).toArray();
      double expectedDot = 0;
      double absolute = 0;
      for (int k = 0; k < n; k++) {
        expectedDot += x[13 + k] * y[29 + k];
        absolute += Math.abs(x[13 + k] * y[29 + k]);
      }
      // both sums are off the exact one by at most gamma_n times the sum of |products|, in any order
      assertEquals(expectedDot, Blas.dotRange(n, x, 13, y, 29), 2 * Rounding.gamma(n) * absolute, "dot, length " + n);
      double[] expected = y.clone();
      for (int k = 0; k < n; k++) {
        expected[29 + k] += 0.5 * x[13 + k];
      }
      Blas.axpyRange(n, 0.5, x, 13, y, 29);
      // 0.5 x is exact, so y + 0.5 x is one rounding with or without a fused multiply-add: the same bits
      assertArrayEquals(expected, y, 0.0, "axpy, length " + n + " (and nothing outside the run)");
    }
  }

  @Test
  void svdReconstructsAndSortsDescending() {
    Matrix a = Matrix.gaussian(7, 4, 1.0, new Random(3));
    Decompositions.Svd svd = Decompositions.svd(a);
    double[] s = svd.singularValues();
    Matrix us = svd.u().copy();
    for (int j = 0; j < s.length; j++) {
      for (int i = 0; i < us.rows(); i++) {
        us.set(i, j, us.get(i, j) * s[j]);
      }
      if (j > 0) {
        assertTrue(s[j - 1] >= s[j]);
      }
    }
    assertEquals(0.0, us.times(svd.vt()).minus(a).frobeniusNormSquared(), 1e-24);
    assertArrayEquals(s, Decompositions.singularValues(a), 1e-12);
  }

  @Test
  void symmetricEigenOfKnownMatrix() {
    // [[2 1], [1 2]] has eigenvalues 1 and 3.
    Decompositions.SymmetricEigen eigen =
        Decompositions.symmetricEigen(new Matrix(2, 2, new double[] {2, 1, 1, 2}));
    assertArrayEquals(new double[] {1, 3}, eigen.eigenvalues(), 1e-14);
    Matrix v = eigen.eigenvectors();
    assertEquals(Math.abs(v.get(0, 1)), Math.abs(v.get(1, 1)), 1e-14);
    assertEquals(1.0, v.get(0, 1) * v.get(0, 1) + v.get(1, 1) * v.get(1, 1), 1e-14);
  }

  @Test
  void reportsTheBlasInUse() {
    String description = Blas.implementation();
    assertTrue(description.startsWith("native") || description.startsWith("Java Vector")
        || description.startsWith("pure Java"), description);
  }
}
