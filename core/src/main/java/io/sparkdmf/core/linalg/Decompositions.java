package io.sparkdmf.core.linalg;

import dev.ludovic.netlib.lapack.LAPACK;
import org.netlib.util.intW;

/** Singular value and symmetric eigen decompositions on netlib LAPACK. */
public final class Decompositions {
  private static final LAPACK LAPACK_INSTANCE = LAPACK.getInstance();

  private Decompositions() {}

  /** A thin SVD A = U diag(s) V^T with s in descending order. */
  public record Svd(Matrix u, double[] singularValues, Matrix vt) {}

  /** Eigenvalues in ascending order and the matching orthonormal eigenvectors as columns. */
  public record SymmetricEigen(double[] eigenvalues, Matrix eigenvectors) {}

  public static Svd svd(Matrix a) {
    return gesdd(a, "S");
  }

  public static double[] singularValues(Matrix a) {
    return gesdd(a, "N").singularValues();
  }

  private static Svd gesdd(Matrix a, String jobz) {
    int m = a.rows();
    int n = a.cols();
    int k = Math.min(m, n);
    double[] work = a.data().clone();
    double[] s = new double[k];
    boolean vectors = !"N".equals(jobz);
    Matrix u = vectors ? Matrix.zeros(m, k) : Matrix.zeros(1, 1);
    Matrix vt = vectors ? Matrix.zeros(k, n) : Matrix.zeros(1, 1);
    int[] iwork = new int[8 * Math.max(1, k)];
    intW info = new intW(0);
    double[] query = new double[1];
    LAPACK_INSTANCE.dgesdd(jobz, m, n, work, Math.max(1, m), s, u.data(), Math.max(1, u.rows()),
        vt.data(), Math.max(1, vt.rows()), query, -1, iwork, info);
    double[] lwork = new double[Math.max(1, (int) query[0])];
    LAPACK_INSTANCE.dgesdd(jobz, m, n, work, Math.max(1, m), s, u.data(), Math.max(1, u.rows()),
        vt.data(), Math.max(1, vt.rows()), lwork, lwork.length, iwork, info);
    if (info.val != 0) {
      throw new ArithmeticException("LAPACK dgesdd did not converge (info=" + info.val + ")");
    }
    return new Svd(vectors ? u : null, s, vectors ? vt : null);
  }

  public static SymmetricEigen symmetricEigen(Matrix a) {
    int n = a.rows();
    if (a.cols() != n) {
      throw new IllegalArgumentException("symmetric eigen needs a square matrix");
    }
    Matrix vectors = a.copy();
    double[] w = new double[n];
    intW info = new intW(0);
    double[] query = new double[1];
    int[] iquery = new int[1];
    LAPACK_INSTANCE.dsyevd("V", "U", n, vectors.data(), Math.max(1, n), w, query, -1, iquery, -1, info);
    double[] work = new double[Math.max(1, (int) query[0])];
    int[] iwork = new int[Math.max(1, iquery[0])];
    LAPACK_INSTANCE.dsyevd("V", "U", n, vectors.data(), Math.max(1, n), w, work, work.length, iwork,
        iwork.length, info);
    if (info.val != 0) {
      throw new ArithmeticException("LAPACK dsyevd did not converge (info=" + info.val + ")");
    }
    return new SymmetricEigen(w, vectors);
  }

  /** x with A x = b for a symmetric positive definite A (Cholesky, LAPACK dposv); A and b are not changed. */
  public static double[] solvePositiveDefinite(Matrix a, double[] b) {
    int n = a.rows();
    if (a.cols() != n || b.length != n) {
      throw new IllegalArgumentException("a positive definite solve needs a square matrix and a matching right side");
    }
    double[] factor = a.data().clone();
    double[] x = b.clone();
    intW info = new intW(0);
    LAPACK_INSTANCE.dposv("U", n, 1, factor, Math.max(1, n), x, Math.max(1, n), info);
    if (info.val != 0) {
      throw new ArithmeticException("LAPACK dposv: the matrix is not positive definite (info=" + info.val + ")");
    }
    return x;
  }
}
