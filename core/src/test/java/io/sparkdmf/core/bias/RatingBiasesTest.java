package io.sparkdmf.core.bias;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.sparkdmf.core.LocalSpark;
import io.sparkdmf.core.completion.EntryBlock;
import io.sparkdmf.core.completion.EntryBlockBuilder;
import io.sparkdmf.core.linalg.Matrix;
import java.util.List;
import java.util.Random;
import org.apache.spark.api.java.JavaRDD;
import org.junit.jupiter.api.Test;

/** Global mean and row and column biases, against their closed forms. */
class RatingBiasesTest {

  private static JavaRDD<EntryBlock> rdd(EntryBlock entries) {
    return LocalSpark.context().parallelize(entries.split(7), 3);
  }

  @Test
  void completeMatrixWithoutRidgeGivesTheRowAndColumnMeans() {
    // two-way layout: mu = grand mean, b_i = row mean - mu, c_j = column mean - mu
    double[][] r = {{1, 2, 6, 3}, {4, 4, 8, 0}, {2, 9, 1, 5}};
    EntryBlockBuilder builder = new EntryBlockBuilder();
    for (int i = 0; i < 3; i++) {
      for (int j = 0; j < 4; j++) {
        builder.add(i, j, r[i][j]);
      }
    }
    RatingBiases biases = RatingBiases.fit(rdd(builder.build()), 3, 4, 0);
    assertEquals(45.0 / 12, biases.mean(), 1e-14);
    double[] rowMeans = {3, 4, 17.0 / 4};
    double[] colMeans = {7.0 / 3, 5, 5, 8.0 / 3};
    for (int i = 0; i < 3; i++) {
      assertEquals(rowMeans[i] - biases.mean(), biases.rowBias()[i], 1e-12, "b_" + i);
    }
    for (int j = 0; j < 4; j++) {
      assertEquals(colMeans[j] - biases.mean(), biases.colBias()[j], 1e-12, "c_" + j);
    }
    // the residuals of an additive matrix fitted exactly would be zero; here they are what is left
    List<EntryBlock> left = biases.residuals(rdd(builder.build())).collect();
    double sum = left.stream().mapToDouble(b -> {
      double s = 0;
      for (int e = 0; e < b.size(); e++) {
        s += b.value(e);
      }
      return s;
    }).sum();
    assertEquals(0, sum, 1e-12, "residuals of the two-way fit sum to zero");
  }

  @Test
  void sparseEntriesGiveTheRidgeSolution() {
    int m = 30;
    int n = 20;
    double lambda = 3;
    Random random = new Random(4);
    EntryBlockBuilder builder = new EntryBlockBuilder();
    for (int i = 0; i < m; i++) {
      for (int j = 0; j < n; j++) {
        if (random.nextDouble() < 0.3) {
          builder.add(i, j, 3.5 + 0.5 * Math.sin(i) + 0.8 * Math.cos(j) + 0.3 * random.nextGaussian());
        }
      }
    }
    EntryBlock entries = builder.build();
    RatingBiases fitted = RatingBiases.fit(rdd(entries), m, n, lambda);
    double[] exact = ridgeSolution(entries, m, n, lambda, fitted.mean());
    for (int i = 0; i < m; i++) {
      assertEquals(exact[i], fitted.rowBias()[i], 1e-6, "b_" + i);
    }
    for (int j = 0; j < n; j++) {
      assertEquals(exact[m + j], fitted.colBias()[j], 1e-6, "c_" + j);
    }
  }

  /**
   * The minimizer of sum (r - mu - b_i - c_j)^2 + lambda (|b|^2 + |c|^2) from its normal equations,
   * solved densely (Gaussian elimination; the system is small and positive definite).
   */
  private static double[] ridgeSolution(EntryBlock entries, int m, int n, double lambda, double mu) {
    int size = m + n;
    Matrix a = Matrix.identity(size, size);
    a.scale(lambda);
    double[] rhs = new double[size];
    for (int e = 0; e < entries.size(); e++) {
      int i = entries.row(e);
      int j = m + entries.col(e);
      a.set(i, i, a.get(i, i) + 1);
      a.set(j, j, a.get(j, j) + 1);
      a.set(i, j, a.get(i, j) + 1);
      a.set(j, i, a.get(j, i) + 1);
      rhs[i] += entries.value(e) - mu;
      rhs[j] += entries.value(e) - mu;
    }
    for (int p = 0; p < size; p++) {
      for (int r = p + 1; r < size; r++) {
        double f = a.get(r, p) / a.get(p, p);
        for (int c = p; c < size; c++) {
          a.set(r, c, a.get(r, c) - f * a.get(p, c));
        }
        rhs[r] -= f * rhs[p];
      }
    }
    double[] x = new double[size];
    for (int p = size - 1; p >= 0; p--) {
      double s = rhs[p];
      for (int c = p + 1; c < size; c++) {
        s -= a.get(p, c) * x[c];
      }
      x[p] = s / a.get(p, p);
    }
    return x;
  }
}
