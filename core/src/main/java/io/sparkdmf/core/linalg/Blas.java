package io.sparkdmf.core.linalg;

import dev.ludovic.netlib.blas.BLAS;
import dev.ludovic.netlib.blas.JavaBLAS;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * The one place our code reaches netlib BLAS. Everything dense goes through the instance netlib picks
 * at start-up: native (JNI to the system's libblas, e.g. OpenBLAS), the Java Vector API, or plain Java.
 * Runs inside arrays shorter than {@link #NATIVE_FROM} (one observed entry's row and column, ~100
 * long) go to netlib's in-JVM BLAS instead, the Vector API one where the JVM has
 * jdk.incubator.vector: a JNI call costs more than such a product, and the JIT alone does not
 * vectorise a floating-point dot product. Longer runs (a sensing operator, 10^4 long) are faster
 * native ({@code dmf bench range-products} measures the crossover).
 */
public final class Blas {
  private static final BLAS BLAS_INSTANCE = BLAS.getInstance();
  private static final BLAS IN_JVM = JavaBLAS.getInstance();

  /** From this length on, {@link #dotRange} and {@link #axpyRange} call the native BLAS. */
  public static final int NATIVE_FROM = 2048;

  private Blas() {}

  static BLAS get() {
    return BLAS_INSTANCE;
  }

  /**
   * A line for the logs saying which BLAS is in use, so a user can see why a run is slow: for the
   * native implementation, the shared library it loaded (read from /proc/self/maps where there is one).
   * Worked out once: checkpoints record it every time they are written.
   */
  public static String implementation() {
    return Description.LINE;
  }

  /** Holds the description, made on first use (after the BLAS has loaded its library). */
  private static final class Description {
    static final String LINE = describe();
  }

  private static String describe() {
    String name = BLAS_INSTANCE.getClass().getSimpleName();
    if (name.startsWith("JNI")) {
      String kernels = System.getenv("OPENBLAS_CORETYPE");
      return "native (" + name + ", " + loadedNativeLibrary()
          + (kernels == null || kernels.isEmpty() ? "" : ", OPENBLAS_CORETYPE=" + kernels) + ")";
    }
    if (name.startsWith("Vector")) {
      return "Java Vector API (" + name + "; install OpenBLAS for native speed)";
    }
    return "pure Java (" + name + "; install OpenBLAS for native speed)";
  }

  private static String loadedNativeLibrary() {
    Path maps = Path.of("/proc/self/maps");
    if (!Files.isReadable(maps)) {
      return "system libblas";
    }
    try (Stream<String> lines = Files.lines(maps)) {
      return lines
          .map(line -> line.substring(line.lastIndexOf(' ') + 1))
          .filter(path -> path.substring(path.lastIndexOf('/') + 1).contains("blas")
              && !path.contains("netlib"))
          .findFirst()
          .orElse("system libblas");
    } catch (IOException e) {
      return "system libblas";
    }
  }

  /** C = alpha * op(A) * op(B) + beta * C. */
  public static void gemm(
      boolean transA, boolean transB, double alpha, Matrix a, Matrix b, double beta, Matrix c) {
    int m = transA ? a.cols() : a.rows();
    int k = transA ? a.rows() : a.cols();
    int kb = transB ? b.cols() : b.rows();
    int n = transB ? b.rows() : b.cols();
    if (k != kb || c.rows() != m || c.cols() != n) {
      throw new IllegalArgumentException(
          "gemm shapes do not agree: op(A) " + m + "x" + k + ", op(B) " + kb + "x" + n + ", C "
              + c.rows() + "x" + c.cols());
    }
    if (m == 0 || n == 0) {
      return;
    }
    BLAS_INSTANCE.dgemm(
        transA ? "T" : "N", transB ? "T" : "N", m, n, k, alpha,
        a.data(), Math.max(1, a.rows()), b.data(), Math.max(1, b.rows()),
        beta, c.data(), Math.max(1, c.rows()));
  }

  /**
   * C = alpha * op(A) * op(B) + beta * C on parts of arrays: each operand starts at its offset and has
   * its leading dimension (column-major), as in BLAS itself.
   */
  public static void gemm(boolean transA, boolean transB, int m, int n, int k, double alpha, double[] a, int offA,
      int lda, double[] b, int offB, int ldb, double beta, double[] c, int offC, int ldc) {
    if (m == 0 || n == 0) {
      return;
    }
    BLAS_INSTANCE.dgemm(transA ? "T" : "N", transB ? "T" : "N", m, n, k, alpha, a, offA, lda, b, offB, ldb, beta,
        c, offC, ldc);
  }

  /** y = alpha * op(A) * x + beta * y. */
  public static void gemv(boolean transA, double alpha, Matrix a, double[] x, double beta, double[] y) {
    int expectX = transA ? a.rows() : a.cols();
    int expectY = transA ? a.cols() : a.rows();
    if (x.length != expectX || y.length != expectY) {
      throw new IllegalArgumentException("gemv shapes do not agree");
    }
    BLAS_INSTANCE.dgemv(transA ? "T" : "N", a.rows(), a.cols(), alpha, a.data(), Math.max(1, a.rows()),
        x, 1, beta, y, 1);
  }

  /** y += A[:, from .. from+count) x[offX .. offX+count): a gemv over a run of A's columns. */
  public static void addColumnsTimes(Matrix a, int from, int count, double[] x, int offX, double[] y) {
    if (from < 0 || count < 0 || from + count > a.cols() || offX + count > x.length || y.length != a.rows()) {
      throw new IllegalArgumentException("gemv over columns " + from + ".." + (from + count) + " of a "
          + a.rows() + "x" + a.cols() + " matrix does not fit x of " + x.length + " and y of " + y.length);
    }
    if (count == 0) {
      return;
    }
    BLAS_INSTANCE.dgemv("N", a.rows(), count, 1.0, a.data(), from * a.rows(), Math.max(1, a.rows()),
        x, offX, 1, 1.0, y, 0, 1);
  }

  /** C = alpha * A^T A + beta * C (both triangles of C are filled). */
  public static void syrkTransposed(double alpha, Matrix a, double beta, Matrix c) {
    int n = a.cols();
    if (c.rows() != n || c.cols() != n) {
      throw new IllegalArgumentException("syrk: C must be " + n + "x" + n);
    }
    BLAS_INSTANCE.dsyrk("U", "T", n, a.rows(), alpha, a.data(), Math.max(1, a.rows()), beta,
        c.data(), Math.max(1, n));
    for (int j = 0; j < n; j++) {
      for (int i = j + 1; i < n; i++) {
        c.set(i, j, c.get(j, i));
      }
    }
  }

  /** y += alpha * x over whole arrays. */
  public static void axpy(double alpha, double[] x, double[] y) {
    BLAS_INSTANCE.daxpy(x.length, alpha, x, 1, y, 1);
  }

  public static double dot(double[] x, double[] y) {
    return BLAS_INSTANCE.ddot(x.length, x, 1, y, 1);
  }

  /** x[offX .. offX+n) . y[offY .. offY+n). */
  public static double dotRange(int n, double[] x, int offX, double[] y, int offY) {
    return forLength(n).ddot(n, x, offX, 1, y, offY, 1);
  }

  /** y[offY .. offY+n) += alpha * x[offX .. offX+n). */
  public static void axpyRange(int n, double alpha, double[] x, int offX, double[] y, int offY) {
    forLength(n).daxpy(n, alpha, x, offX, 1, y, offY, 1);
  }

  /** The in-JVM or the native BLAS, whichever is faster for runs of {@code n}. */
  public static BLAS forLength(int n) {
    return n < NATIVE_FROM ? IN_JVM : BLAS_INSTANCE;
  }
}
