package io.sparkdmf.core.sharpness;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sparkdmf.core.LocalSpark;
import io.sparkdmf.core.TestProblems;
import io.sparkdmf.core.completion.CompletionObjective;
import io.sparkdmf.core.completion.EntryBlock;
import io.sparkdmf.core.linalg.Blas;
import io.sparkdmf.core.linalg.Matrix;
import io.sparkdmf.core.model.DeepFactorization;
import io.sparkdmf.core.optim.SharpnessAwareStep;
import io.sparkdmf.core.sensing.MeasurementBlock;
import io.sparkdmf.core.sensing.SensingObjective;
import io.sparkdmf.core.train.StoppingRule;
import io.sparkdmf.core.train.Trainer;
import io.sparkdmf.core.train.TrainingListener;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Sharpness over entries held by an engine (local threads or a Spark RDD) against the dense Hessian,
 * and the sharpness-aware step built on it.
 */
class DistributedSharpnessTest {

  private static List<Matrix> factors(int m, int n, int depth, int width, long seed) {
    Random random = new Random(seed);
    List<Matrix> factors = new ArrayList<>();
    for (int k = 1; k <= depth; k++) {
      int rows = k == depth ? m : width;
      int cols = k == 1 ? n : width;
      factors.add(Matrix.gaussian(rows, cols, (0.6 + 0.3 * k) / Math.sqrt(cols), random));
    }
    return factors;
  }

  /** About 60% of the entries of {@code values}, as one block. */
  private static EntryBlock observe(Matrix values, long seed) {
    Random random = new Random(seed);
    List<int[]> kept = new ArrayList<>();
    for (int j = 0; j < values.cols(); j++) {
      for (int i = 0; i < values.rows(); i++) {
        if (random.nextDouble() < 0.6) {
          kept.add(new int[] {i, j});
        }
      }
    }
    int[] rows = kept.stream().mapToInt(c -> c[0]).toArray();
    int[] cols = kept.stream().mapToInt(c -> c[1]).toArray();
    double[] v = kept.stream().mapToDouble(c -> values.get(c[0], c[1])).toArray();
    return new EntryBlock(rows, cols, v);
  }

  private static ObservedEntries mask(EntryBlock entries, int m, int n) {
    Matrix mask = Matrix.zeros(m, n);
    for (int e = 0; e < entries.size(); e++) {
      mask.set(entries.row(e), entries.col(e), 1);
    }
    return new ObservedEntries(mask);
  }

  @ParameterizedTest(name = "depth {0}, {1} x {2}, width {3}, {4} engine")
  @CsvSource({"1, 4, 3, 1, local", "2, 5, 4, 3, local", "3, 4, 5, 3, spark", "4, 5, 3, 2, local",
      "4, 5, 3, 2, spark"})
  void entryOperatorEqualsTheDenseHessianAtZeroResidual(int depth, int m, int n, int width, String engine) {
    List<Matrix> w = factors(m, n, depth, width, 31L * depth + m);
    DeepFactorization model = new DeepFactorization(w);
    Matrix product = model.endToEnd();
    EntryBlock entries = observe(product, depth);
    LossNormalisation loss = LossNormalisation.mean(entries.size());
    HessianVectorProduct hessian = new HessianVectorProduct(w, product, mask(entries, m, n), loss);
    try (CompletionObjective objective = engine.equals("spark")
        ? CompletionObjective.spark(LocalSpark.context().parallelize(entries.split(5), 3), entries.size())
        : CompletionObjective.local(entries.split(4), 2)) {
      EntryGaussNewtonOperator operator = new EntryGaussNewtonOperator(objective, model, loss);
      double[] z = HessianVectorProduct.flatten(factors(m, n, depth, width, 99));
      double[] expected = HessianVectorProduct.flatten(hessian.apply(HessianVectorProduct.split(z, w)));
      double[] actual = operator.apply(z);
      for (int i = 0; i < z.length; i++) {
        assertEquals(expected[i], actual[i], 1e-10 * Math.sqrt(Blas.dot(expected, expected)), "entry " + i);
      }
      double dense = hessian.largestEigenvalueDense();
      assertEquals(dense, operator.largestEigenvalue(), 1e-8 * dense);
    }
  }

  /** lambda_max of the dense Hessian of the mean loss over {@code entries}, residual term included. */
  private static double denseSharpness(List<Matrix> w, Matrix truth, EntryBlock entries) {
    return new HessianVectorProduct(w, truth, mask(entries, truth.rows(), truth.cols()),
        LossNormalisation.mean(entries.size())).largestEigenvalueDense();
  }

  @Test
  void gradientDifferencesGiveTheFullHessianAwayFromMinima() {
    List<Matrix> w = factors(5, 4, 3, 3, 5);
    Matrix truth = TestProblems.lowRank(5, 4, 2, 6);
    EntryBlock entries = observe(truth, 7);
    DeepFactorization model = new DeepFactorization(w);
    DeepFactorization before = model.copy();
    double dense = denseSharpness(w, truth, entries);
    try (CompletionObjective objective = CompletionObjective.local(List.of(entries), 1)) {
      double estimate = new GradientDifferenceSharpness(objective, model, 60).largestEigenvalue();
      // central differences: O(h^2) truncation and O(eps/h) rounding, about 1e-9 relative here
      assertEquals(dense, estimate, 1e-7 * dense);
    }
    for (int k = 1; k <= 3; k++) {
      assertArrayEquals(before.factor(k).data(), model.factor(k).data(), 0.0, "W_" + k + " restored");
    }
  }

  @Test
  void gradientDifferencesWorkOnSensingObjectives() {
    // measurements A_k = e_i e_j^T make the sensing loss the completion loss over those entries
    List<Matrix> w = factors(4, 3, 3, 3, 15);
    Matrix truth = TestProblems.lowRank(4, 3, 2, 16);
    EntryBlock entries = observe(truth, 17);
    Matrix operators = Matrix.zeros(12, entries.size());
    for (int e = 0; e < entries.size(); e++) {
      operators.set(entries.row(e) + 4 * entries.col(e), e, 1);
    }
    double[] values = new double[entries.size()];
    for (int e = 0; e < values.length; e++) {
      values[e] = entries.value(e);
    }
    double dense = denseSharpness(w, truth, entries);
    try (SensingObjective objective = SensingObjective.local(List.of(new MeasurementBlock(operators, values)), 1)) {
      double estimate = new GradientDifferenceSharpness(objective, new DeepFactorization(w), 60).largestEigenvalue();
      assertEquals(dense, estimate, 1e-7 * dense);
    }
  }

  @Test
  void warmStartedFewStepsTrackTheTopEigenvalue() {
    List<Matrix> w = factors(6, 5, 3, 4, 11);
    Matrix truth = TestProblems.lowRank(6, 5, 2, 12);
    EntryBlock entries = observe(truth, 13);
    DeepFactorization model = new DeepFactorization(w);
    double dense = denseSharpness(w, truth, entries);
    try (CompletionObjective objective = CompletionObjective.local(List.of(entries), 1)) {
      GradientDifferenceSharpness probe = new GradientDifferenceSharpness(objective, model, 5);
      double first = probe.largestEigenvalue();
      double later = first;
      for (int call = 0; call < 6; call++) {
        later = probe.largestEigenvalue();
      }
      // a Ritz value never exceeds lambda_max; restarting from the last Ritz vector only climbs towards it
      assertTrue(first <= dense * (1 + 1e-7) && later >= first - 1e-9 * dense);
      assertEquals(dense, later, 1e-6 * dense);
    }
  }

  @Test
  void sharpnessAwareStepIsAFractionOfTheStableStep() {
    double[] sharpness = {4.0};
    int[] calls = {0};
    SharpnessAwareStep optimizer = new SharpnessAwareStep(0.5, 3, 10.0);
    optimizer.useSharpnessProbe(() -> {
      calls[0]++;
      return sharpness[0];
    });
    List<Matrix> w = List.of(new Matrix(1, 1, new double[] {1.0}));
    List<Matrix> g = List.of(new Matrix(1, 1, new double[] {1.0}));
    optimizer.step(w, g); // estimate 4: step 0.5 * 2 / 4 = 0.25
    assertEquals(0.75, w.get(0).get(0, 0), 1e-15);
    sharpness[0] = 1e-3; // flat: capped at the largest step, but only re-read at step 3
    optimizer.step(w, g);
    optimizer.step(w, g);
    assertEquals(0.25, w.get(0).get(0, 0), 1e-15);
    optimizer.step(w, g);
    assertEquals(-9.75, w.get(0).get(0, 0), 1e-12);
    assertEquals(2, calls[0]);
    SharpnessAwareStep restored = new SharpnessAwareStep(0.5, 3, 10.0);
    restored.restoreScalarState(optimizer.scalarState());
    assertArrayEquals(optimizer.scalarState(), restored.scalarState());
    assertThrows(IllegalArgumentException.class, () -> new SharpnessAwareStep(1.5, 3, 1));
  }

  @Test
  void sharpnessAwareStepTrainsASmallCompletionProblem() {
    Matrix truth = TestProblems.lowRank(12, 10, 2, 21);
    EntryBlock entries = TestProblems.sample(truth, 0.7, 22);
    DeepFactorization model = new DeepFactorization(factors(12, 10, 3, 10, 23));
    for (Matrix w : model.factors()) {
      w.scale(0.1);
    }
    SharpnessAwareStep optimizer = new SharpnessAwareStep(0.5, 20, 10);
    try (CompletionObjective objective = CompletionObjective.local(List.of(entries), 1)) {
      var result = new Trainer(new StoppingRule(20_000, 1e-6),
          TrainingListener.NONE).train(model, objective, optimizer);
      assertTrue(result.trainLoss() <= 1e-6, "reached the threshold: " + result.trainLoss());
      // at the end the step is the chosen fraction of the stable step of the minimum it found
      double lambda = new EntryGaussNewtonOperator(objective, model, LossNormalisation.mean(entries.size()))
          .largestEigenvalue();
      assertEquals(0.5 * 2 / lambda, optimizer.currentStep(), 0.05 * optimizer.currentStep());
    }
  }
}
