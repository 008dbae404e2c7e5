package io.sparkdmf.research.baseline;

import io.sparkdmf.core.linalg.Blas;
import io.sparkdmf.core.linalg.Matrix;
import io.sparkdmf.core.sensing.MeasurementBlock;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Sensing as measurements: blocks of columns vec(A_k), applied with gemv. */
public record DenseMeasurements(int rows, int cols, List<MeasurementBlock> blocks) implements LinearMeasurements {
  private static final int POWER_ITERATIONS = 100;
  /**
   * Operators read together by {@link #adjoints}: 320 KB, which stays in a core's cache between the
   * vectors (4 measurements of a 100 x 100 matrix, the best of 2, 4 and 16 on the benchmark machine;
   * docs/benchmarks.md).
   */
  private static final int CACHED_DOUBLES = 40_000;

  private int count() {
    return blocks.stream().mapToInt(MeasurementBlock::size).sum();
  }

  @Override
  public double[] values() {
    double[] y = new double[count()];
    int offset = 0;
    for (MeasurementBlock block : blocks) {
      System.arraycopy(block.values(), 0, y, offset, block.size());
      offset += block.size();
    }
    return y;
  }

  @Override
  public double[] apply(Matrix x) {
    double[] out = new double[count()];
    int offset = 0;
    for (MeasurementBlock block : blocks) {
      double[] part = new double[block.size()];
      Blas.gemv(true, 1.0, block.operators(), x.data(), 0.0, part);
      System.arraycopy(part, 0, out, offset, part.length);
      offset += part.length;
    }
    return out;
  }

  @Override
  public Matrix adjoint(double[] r) {
    return adjoints(List.of(r)).get(0);
  }

  /**
   * The adjoints a few measurements at a time, so that their operators are read from memory once and
   * from cache for the other vectors. (One gemm with a column per vector was slower: OpenBLAS copies
   * the whole operator into its packed layout first.)
   */
  @Override
  public List<Matrix> adjoints(List<double[]> rs) {
    List<Matrix> adjoints = new ArrayList<>(rs.size());
    for (int j = 0; j < rs.size(); j++) {
      adjoints.add(Matrix.zeros(rows, cols));
    }
    int cached = Math.max(1, CACHED_DOUBLES / (rows * cols));
    int offset = 0;
    for (MeasurementBlock block : blocks) {
      // One vector gains nothing from cached operators: one gemv per block.
      int chunk = rs.size() == 1 ? Math.max(1, block.size()) : cached;
      for (int from = 0; from < block.size(); from += chunk) {
        int count = Math.min(chunk, block.size() - from);
        for (int j = 0; j < rs.size(); j++) {
          Blas.addColumnsTimes(block.operators(), from, count, rs.get(j), offset + from, adjoints.get(j).data());
        }
      }
      offset += block.size();
    }
    return adjoints;
  }

  /** Power iteration on A^T A, with a 2% margin for what it has not converged to. */
  @Override
  public double normSquaredBound() {
    Matrix x = Matrix.gaussian(rows, cols, 1.0, new Random(0));
    double estimate = 0;
    for (int t = 0; t < POWER_ITERATIONS; t++) {
      x.scale(1.0 / Math.sqrt(x.frobeniusNormSquared()));
      Matrix next = adjoint(apply(x));
      estimate = Math.sqrt(next.frobeniusNormSquared());
      x = next;
    }
    return 1.02 * estimate;
  }
}
