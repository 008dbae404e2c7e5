package io.sparkdmf.light.baseline;

import io.sparkdmf.core.linalg.Matrix;
import java.util.Random;

/**
 * Non-negative matrix factorization by Lee and Seung's multiplicative updates for ||Z - T L||_F^2:
 * L <- L * (T^T Z) / (T^T T L), T <- T * (Z L^T) / (T L L^T), from a uniform random start scaled to Z's
 * mean. The plain method the deep image prior is compared with: it fits Z but nothing steers it to
 * image-like factors. Negative entries of Z (sensor noise) are clipped to 0 first.
 */
public final class LeeSeungNmf {
  /** Guards the divisions; far below any entry that matters. */
  private static final double EPS = 1e-12;

  private final int iterations;

  public LeeSeungNmf(int iterations) {
    if (iterations < 1) {
      throw new IllegalArgumentException("NMF needs at least one iteration, got " + iterations);
    }
    this.iterations = iterations;
  }

  /** Factors of inner dimension {@code rank}. */
  public Factors fit(Matrix observed, int rank, long seed) {
    Matrix z = observed.copy();
    double mean = 0;
    for (int i = 0; i < z.data().length; i++) {
      z.data()[i] = Math.max(0, z.data()[i]);
      mean += z.data()[i] / z.data().length;
    }
    Random random = new Random(seed);
    double scale = Math.sqrt(mean / rank);
    Matrix t = uniform(z.rows(), rank, scale, random);
    Matrix l = uniform(rank, z.cols(), scale, random);
    int every = Math.max(1, iterations / 200);
    double[] history = new double[iterations / every];
    for (int it = 0; it < iterations; it++) {
      multiply(l, t.transposeTimes(z), t.transposeTimes(t).times(l));
      multiply(t, z.timesTranspose(l), t.times(l.gram()));
      if ((it + 1) % every == 0 && (it + 1) / every <= history.length) {
        history[(it + 1) / every - 1] = loss(z, t, l);
      }
    }
    return new Factors(t, l, loss(z, t, l), history, every);
  }

  /** Mean squared residual. */
  static double loss(Matrix z, Matrix t, Matrix l) {
    return t.times(l).minus(z).frobeniusNormSquared() / z.data().length;
  }

  private static void multiply(Matrix factor, Matrix numerator, Matrix denominator) {
    double[] f = factor.data();
    for (int i = 0; i < f.length; i++) {
      f[i] *= numerator.data()[i] / (denominator.data()[i] + EPS);
    }
  }

  private static Matrix uniform(int rows, int cols, double scale, Random random) {
    Matrix m = Matrix.zeros(rows, cols);
    for (int i = 0; i < m.data().length; i++) {
      m.data()[i] = scale * (0.5 + random.nextDouble());
    }
    return m;
  }
}
