package io.sparkdmf.core.sharpness;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.sparkdmf.core.TestProblems;
import io.sparkdmf.core.completion.CompletionObjective;
import io.sparkdmf.core.linalg.Decompositions;
import io.sparkdmf.core.linalg.Matrix;
import io.sparkdmf.core.model.DeepFactorization;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Sharpness formulas against the brute-force Hessian (docs/maths.md §4: the dense Hessian is the judge). */
class SharpnessTest {

  /** Random factors of an m x n product; {@code spread} > 1 makes the layers' scales unequal. */
  private static List<Matrix> factors(int m, int n, int depth, int width, double spread, long seed) {
    Random random = new Random(seed);
    List<Matrix> factors = new ArrayList<>();
    for (int k = 1; k <= depth; k++) {
      int rows = k == depth ? m : width;
      int cols = k == 1 ? n : width;
      factors.add(Matrix.gaussian(rows, cols, Math.pow(spread, k - (depth + 1) / 2.0) / Math.sqrt(cols), random));
    }
    return factors;
  }

  private static Matrix product(List<Matrix> factors) {
    return new DeepFactorization(factors).endToEnd();
  }

  private static void assertRelative(double expected, double actual, String what) {
    assertEquals(expected, actual, 1e-8 * Math.abs(expected), what);
  }

  @ParameterizedTest(name = "depth {0}, {1} x {2}, width {3}, spread {4}")
  @CsvSource({"1, 4, 3, 1, 1", "2, 4, 4, 3, 1", "2, 5, 3, 4, 3", "3, 4, 4, 2, 1", "3, 3, 5, 4, 2",
      "4, 4, 3, 3, 1", "5, 3, 3, 2, 1.5"})
  void matrixSpaceLanczosEqualsTheDenseHessianAtMinimizers(int depth, int m, int n, int width, double spread) {
    List<Matrix> w = factors(m, n, depth, width, spread, 10L * depth + m);
    for (LossNormalisation loss : List.of(LossNormalisation.half(), LossNormalisation.mean(m * n))) {
      double dense = new HessianVectorProduct(w, product(w), ObservedEntries.all(), loss).largestEigenvalueDense();
      double lanczos = new GaussNewtonOperator(w, ObservedEntries.all(), loss).largestEigenvalue();
      assertRelative(dense, lanczos, "lanczos");
      if (depth == 2) {
        assertRelative(dense, SharpnessFormulas.depthTwo(w.get(0), w.get(1), loss), "depth-2 closed form");
      }
    }
  }

  @Test
  void scalarFactorizationClosedForm() {
    double[] values = {0.7, -1.3, 1.1, 0.9, 1.6};
    List<Matrix> w = new ArrayList<>();
    for (double v : values) {
      w.add(new Matrix(1, 1, new double[] {v}));
    }
    double dense = new HessianVectorProduct(w, product(w), ObservedEntries.all(), LossNormalisation.half())
        .largestEigenvalueDense();
    assertRelative(dense, SharpnessFormulas.scalar(values, LossNormalisation.half()), "scalar closed form");
  }

  @Test
  void partialObservationsUseTheProjectedOperator() {
    List<Matrix> w = factors(5, 4, 3, 3, 1.5, 3);
    Matrix mask = Matrix.zeros(5, 4);
    Random random = new Random(4);
    for (int e = 0; e < mask.data().length; e++) {
      mask.data()[e] = random.nextDouble() < 0.6 ? 1 : 0;
    }
    ObservedEntries observed = new ObservedEntries(mask);
    Matrix elsewhere = product(w);
    elsewhere.addScaled(1.0, Matrix.gaussian(5, 4, 1.0, random));
    Matrix agreeing = observed.project(product(w)); // zero residual on Omega, anything elsewhere
    agreeing.addScaled(1.0, elsewhere.minus(observed.project(elsewhere)));
    LossNormalisation loss = LossNormalisation.mean(12);
    double dense = new HessianVectorProduct(w, agreeing, observed, loss).largestEigenvalueDense();
    assertRelative(dense, new GaussNewtonOperator(w, observed, loss).largestEigenvalue(), "projected operator");
  }

  @Test
  void balancedAlignedFactorizationsAreTheFlattest() {
    Matrix m = Matrix.gaussian(4, 3, 1.0, new Random(7));
    Decompositions.Svd svd = Decompositions.svd(m);
    for (int depth = 2; depth <= 4; depth++) {
      // W_1 = S^{1/N} V^T, W_k = S^{1/N}, W_N = U S^{1/N}: every layer has the same singular values
      Matrix root = Matrix.zeros(3, 3);
      for (int i = 0; i < 3; i++) {
        root.set(i, i, Math.pow(svd.singularValues()[i], 1.0 / depth));
      }
      List<Matrix> w = new ArrayList<>();
      w.add(root.times(svd.vt()));
      for (int k = 2; k < depth; k++) {
        w.add(root.copy());
      }
      Matrix u = new Matrix(4, 3, java.util.Arrays.copyOf(svd.u().data(), 12));
      w.add(u.times(root));
      double lambda = new GaussNewtonOperator(w, ObservedEntries.all(), LossNormalisation.half()).largestEigenvalue();
      assertRelative(SharpnessFormulas.flattestPossible(m, depth, LossNormalisation.half()), lambda, "depth " + depth);
    }
  }

  @Test
  void hessianVectorProductsAreDerivativesOfTheTrainersGradient() {
    // away from a minimizer, against central differences of the completion objective's gradient
    List<Matrix> w = factors(5, 4, 3, 3, 1.0, 9);
    Matrix truth = TestProblems.lowRank(5, 4, 2, 8);
    var entries = TestProblems.sample(truth, 0.7, 2);
    Matrix mask = Matrix.zeros(5, 4);
    for (int e = 0; e < entries.size(); e++) {
      mask.set(entries.row(e), entries.col(e), 1);
    }
    List<Matrix> z = factors(5, 4, 3, 3, 1.0, 10);
    List<Matrix> hz = new HessianVectorProduct(w, truth, new ObservedEntries(mask),
        LossNormalisation.mean(entries.size())).apply(z);
    double h = 1e-5;
    try (CompletionObjective objective = CompletionObjective.local(List.of(entries), 1)) {
      List<Matrix> plus = objective.evaluate(shifted(w, z, h)).gradients();
      List<Matrix> minus = objective.evaluate(shifted(w, z, -h)).gradients();
      for (int k = 0; k < 3; k++) {
        Matrix difference = plus.get(k).minus(minus.get(k));
        difference.scale(1 / (2 * h));
        double error = Math.sqrt(difference.minus(hz.get(k)).frobeniusNormSquared() / hz.get(k).frobeniusNormSquared());
        assertEquals(0, error, 1e-7, "W_" + (k + 1));
      }
    }
  }

  private static DeepFactorization shifted(List<Matrix> w, List<Matrix> z, double h) {
    List<Matrix> out = new ArrayList<>();
    for (int k = 0; k < w.size(); k++) {
      Matrix moved = w.get(k).copy();
      moved.addScaled(h, z.get(k));
      out.add(moved);
    }
    return new DeepFactorization(out);
  }
}
