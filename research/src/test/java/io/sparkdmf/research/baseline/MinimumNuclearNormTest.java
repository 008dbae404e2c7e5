package io.sparkdmf.research.baseline;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sparkdmf.core.TestProblems;
import io.sparkdmf.core.completion.EntryBlock;
import io.sparkdmf.core.linalg.Matrix;
import io.sparkdmf.core.sensing.MeasurementBlock;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The convex baseline on cases whose answer is known. */
class MinimumNuclearNormTest {
  private static final MinimumNuclearNorm EXACT = new MinimumNuclearNorm(0.0, 1e-9, 50_000);

  private static double relativeError(Matrix x, Matrix truth) {
    return x.minus(truth).frobeniusNormSquared() / truth.frobeniusNormSquared();
  }

  @Test
  void twoByTwoWithOneEntryMissing() {
    // [[1, ?], [1, 1]]: ||X||_* >= |trace X| = 2, with equality only for the symmetric PSD all-ones matrix.
    EntryBlock entries = new EntryBlock(new int[] {0, 1, 1}, new int[] {0, 0, 1}, new double[] {1, 1, 1});
    MinimumNuclearNorm.Result result = EXACT.solve(new SampledEntries(2, 2, entries));
    assertTrue(result.converged());
    assertEquals(1.0, result.solution().get(0, 1), 1e-6);
    assertEquals(2.0, result.nuclearNorm(), 1e-6);
  }

  @Test
  void fullyObservedMatrixIsItsOwnSolution() {
    Matrix truth = TestProblems.lowRank(6, 5, 5, 1);
    MinimumNuclearNorm.Result result = EXACT.solve(new SampledEntries(6, 5, TestProblems.sample(truth, 1.0, 2)));
    assertTrue(result.converged());
    assertTrue(relativeError(result.solution(), truth) < 1e-12);
  }

  @Test
  void recoversAnIncoherentLowRankMatrixFromHalfItsEntries() {
    Matrix truth = TestProblems.lowRank(20, 20, 1, 3);
    MinimumNuclearNorm.Result result = EXACT.solve(new SampledEntries(20, 20, TestProblems.sample(truth, 0.5, 4)));
    assertTrue(result.converged());
    assertTrue(relativeError(result.solution(), truth) < 1e-10, "error " + relativeError(result.solution(), truth));
  }

  @Test
  void sensingWithAsManyMeasurementsAsUnknownsIsExact() {
    // With m n generic measurements the constraints leave one feasible point: the truth.
    Matrix truth = TestProblems.lowRank(4, 3, 3, 5);
    Random random = new Random(6);
    Matrix operators = Matrix.gaussian(12, 12, 1.0 / 3, random);
    double[] values = new double[12];
    io.sparkdmf.core.linalg.Blas.gemv(true, 1.0, operators, truth.data(), 0.0, values);
    MinimumNuclearNorm.Result result =
        EXACT.solve(new DenseMeasurements(4, 3, List.of(new MeasurementBlock(operators, values))));
    assertTrue(result.converged());
    assertTrue(relativeError(result.solution(), truth) < 1e-10, "error " + relativeError(result.solution(), truth));
  }

  @Test
  void denseAdjointsInOnePassAgreeWithOneAtATime() {
    Random random = new Random(9);
    // 100 x 100 operators are read four at a time: blocks of 5 and 4 cover a partial and a whole run.
    List<MeasurementBlock> blocks = List.of(
        new MeasurementBlock(Matrix.gaussian(100 * 100, 5, 1.0, random), new double[5]),
        new MeasurementBlock(Matrix.gaussian(100 * 100, 4, 1.0, random), new double[4]));
    DenseMeasurements measurements = new DenseMeasurements(100, 100, blocks);
    List<double[]> residuals = List.of(random.doubles(9).toArray(), random.doubles(9).toArray(), new double[9]);
    List<Matrix> together = measurements.adjoints(residuals);
    assertEquals(3, together.size());
    for (int j = 0; j < 3; j++) {
      Matrix alone = measurements.adjoint(residuals.get(j));
      assertEquals(100, together.get(j).rows());
      assertArrayEquals(alone.data(), together.get(j).data(), 1e-12, "residual vector " + j);
    }
  }

  @Test
  void toleranceBandIsRespected() {
    // With delta > 0 every observed entry of the solution lies within delta of the data.
    Matrix truth = TestProblems.lowRank(10, 10, 2, 7);
    EntryBlock entries = TestProblems.sample(truth, 0.4, 8);
    MinimumNuclearNorm.Result result =
        new MinimumNuclearNorm(1e-3, 1e-9, 50_000).solve(new SampledEntries(10, 10, entries));
    assertTrue(result.converged());
    for (int e = 0; e < entries.size(); e++) {
      assertTrue(Math.abs(result.solution().get(entries.row(e), entries.col(e)) - entries.value(e)) <= 1e-3 + 1e-8);
    }
  }
}
