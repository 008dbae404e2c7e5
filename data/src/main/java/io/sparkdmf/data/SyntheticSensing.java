package io.sparkdmf.data;

import io.sparkdmf.core.linalg.Blas;
import io.sparkdmf.core.linalg.Matrix;
import io.sparkdmf.core.sensing.MeasurementBlock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;

/**
 * The reference synthetic sensing task (docs/maths.md §2): a {@link LowRankTruth} W* and
 * measurements y_k = <A_k, W*> with A_k i.i.d. N(0, 1/(m n)) entries (1/n^2 for a square matrix),
 * then {@code test} held-out measurements drawn the same way. Everything follows from the seed.
 */
public record SyntheticSensing(int rows, int cols, int rank, int measurements, int test, long seed) {
  /** Measurements per block: a few MB of operators per block at n = 100. */
  public static final int BLOCK_SIZE = 250;

  public SyntheticSensing {
    LowRankTruth.checkShape(rows, cols, rank);
    if (measurements < 1 || test < 0) {
      throw new IllegalArgumentException("measurements must be positive and test not negative");
    }
  }

  /**
   * Parses a spec such as {@code n=100,rank=5,measurements=2000,seed=0}; {@code m=} makes the
   * matrix m x n, {@code test=} adds held-out measurements.
   */
  public static SyntheticSensing parse(String spec) {
    SyntheticSpec fields = new SyntheticSpec(spec, "measurements");
    return new SyntheticSensing(fields.rows(), fields.cols(), fields.rank(), fields.count(), fields.test(),
        fields.seed());
  }

  public SensingProblem generate() {
    Random random = new Random(seed);
    Matrix truth = LowRankTruth.generate(rows, cols, rank, random);
    List<MeasurementBlock> train = measure(truth, measurements, random);
    List<MeasurementBlock> held = measure(truth, test, random);
    return new SensingProblem(rows, cols, train, held, Optional.of(truth));
  }

  private List<MeasurementBlock> measure(Matrix truth, int count, Random random) {
    double stddev = 1.0 / Math.sqrt((double) rows * cols);
    List<MeasurementBlock> blocks = new ArrayList<>();
    for (int from = 0; from < count; from += BLOCK_SIZE) {
      int size = Math.min(BLOCK_SIZE, count - from);
      // Column k is vec(A_k), drawn A_k by A_k, so the random stream does not depend on blocking.
      Matrix operators = Matrix.zeros(rows * cols, size);
      double[] data = operators.data();
      for (int e = 0; e < data.length; e++) {
        data[e] = stddev * random.nextGaussian();
      }
      double[] values = new double[size];
      Blas.gemv(true, 1.0, operators, truth.data(), 0.0, values);
      blocks.add(new MeasurementBlock(operators, values));
    }
    return blocks;
  }
}
