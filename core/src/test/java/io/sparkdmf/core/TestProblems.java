package io.sparkdmf.core;

import io.sparkdmf.core.completion.EntryBlock;
import io.sparkdmf.core.completion.EntryBlockBuilder;
import io.sparkdmf.core.linalg.Matrix;
import io.sparkdmf.core.linalg.Rounding;
import io.sparkdmf.core.model.DeepFactorization;
import io.sparkdmf.core.sensing.MeasurementBlock;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Small random inputs for core tests (the reference generator lives in the data module). */
public final class TestProblems {
  private TestProblems() {}

  /** Every entry of {@code truth} kept with probability {@code fraction}. */
  public static EntryBlock sample(Matrix truth, double fraction, long seed) {
    Random random = new Random(seed);
    EntryBlockBuilder builder = new EntryBlockBuilder();
    for (int j = 0; j < truth.cols(); j++) {
      for (int i = 0; i < truth.rows(); i++) {
        if (random.nextDouble() < fraction) {
          builder.add(i, j, truth.get(i, j));
        }
      }
    }
    return builder.build();
  }

  /** A random m x n matrix of the given rank with entries of order one. */
  public static Matrix lowRank(int m, int n, int rank, long seed) {
    Random random = new Random(seed);
    Matrix left = Matrix.gaussian(m, rank, 1.0, random);
    Matrix right = Matrix.gaussian(rank, n, 1.0 / Math.sqrt(rank), random);
    return left.times(right);
  }

  /**
   * How far two computations of the mean squared residual of {@code model} on {@code entries} can
   * differ when they add in different orders (another engine, another BLAS). A product of factors
   * with inner sizes d_1 .. d_{N-1} is off entrywise by at most gamma_{d_1+..+d_{N-1}} times the
   * product of the factors' absolute values (Higham, section 3.5), so each residual r_e by at most
   * e_e = gamma_{sum d + 1} (|W_N|..|W_1| + |M|)_e, its square by 2 |r_e| e_e + e_e^2 (+ one
   * rounding), and the mean of the squares adds gamma_|Omega| of itself. Twice that bounds the gap
   * between two such computations.
   */
  public static double meanSquaredErrorRounding(DeepFactorization model, List<EntryBlock> entries) {
    Matrix w = model.endToEnd();
    Matrix absoluteChain = absolute(model.factor(1));
    long inner = 0;
    for (int k = 2; k <= model.depth(); k++) {
      absoluteChain = absolute(model.factor(k)).times(absoluteChain);
      inner += model.factor(k).cols();
    }
    double gamma = Rounding.gamma(inner + 1);
    long count = 0;
    double squares = 0;
    double perturbation = 0;
    for (EntryBlock block : entries) {
      for (int e = 0; e < block.size(); e++) {
        int i = block.row(e);
        int j = block.col(e);
        double r = w.get(i, j) - block.value(e);
        double error = gamma * (absoluteChain.get(i, j) + Math.abs(block.value(e)));
        squares += r * r;
        perturbation += 2 * Math.abs(r) * error + error * error + Rounding.UNIT_ROUNDOFF * r * r;
        count++;
      }
    }
    return 2 * (perturbation / count + Rounding.gamma(count + 1) * squares / count);
  }

  private static Matrix absolute(Matrix m) {
    Matrix out = m.copy();
    for (int e = 0; e < out.data().length; e++) {
      out.data()[e] = Math.abs(out.data()[e]);
    }
    return out;
  }

  /** Random Gaussian measurements of {@code truth}, in blocks of 7. */
  public static List<MeasurementBlock> gaussianMeasurements(Matrix truth, int count, long seed) {
    Random random = new Random(seed);
    List<MeasurementBlock> blocks = new ArrayList<>();
    for (int from = 0; from < count; from += 7) {
      int size = Math.min(7, count - from);
      Matrix operators = Matrix.gaussian(truth.rows() * truth.cols(), size, 1.0, random);
      double[] values = new double[size];
      for (int k = 0; k < size; k++) {
        for (int e = 0; e < truth.data().length; e++) {
          values[k] += operators.get(e, k) * truth.data()[e];
        }
      }
      blocks.add(new MeasurementBlock(operators, values));
    }
    return blocks;
  }
}
