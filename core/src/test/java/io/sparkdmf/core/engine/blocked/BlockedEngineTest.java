package io.sparkdmf.core.engine.blocked;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sparkdmf.core.LocalSpark;
import io.sparkdmf.core.TestProblems;
import io.sparkdmf.core.checkpoint.CheckpointStore;
import io.sparkdmf.core.completion.CompletionObjective;
import io.sparkdmf.core.completion.EntryBlock;
import io.sparkdmf.core.linalg.Matrix;
import io.sparkdmf.core.model.DeepFactorization;
import io.sparkdmf.core.model.FactorShapes;
import io.sparkdmf.core.model.Initialization;
import io.sparkdmf.core.objective.Objective;
import io.sparkdmf.core.optim.Optimizer;
import io.sparkdmf.core.completion.EntryCounts;
import io.sparkdmf.core.penalty.FactorPenalty;
import io.sparkdmf.core.penalty.PenalizedObjective;
import io.sparkdmf.core.train.StoppingRule;
import io.sparkdmf.core.train.Trainer;
import io.sparkdmf.core.train.TrainingListener;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The block engine computes the local engine's iterates with factors split over RDD blocks. */
class BlockedEngineTest {
  private static final int M = 23;
  private static final int N = 17;

  private static List<EntryBlock> entries() {
    return TestProblems.sample(TestProblems.lowRank(M, N, 3, 4), 0.5, 5).split(29);
  }

  private static DeepFactorization start(int depth) {
    return Initialization.GAUSSIAN.create(new FactorShapes(M, N, depth, 6), 0.3, 7);
  }

  private static BlockedCompletion blocked(DeepFactorization start, Optimizer optimizer, BlockLayout layout) {
    return blocked(start, optimizer, layout, 0);
  }

  private static BlockedCompletion blocked(DeepFactorization start, Optimizer optimizer, BlockLayout layout,
      double regParam) {
    List<EntryBlock> blocks = entries();
    JavaRDD<EntryBlock> rdd = LocalSpark.context().parallelize(blocks, 3);
    return new BlockedCompletion(rdd, blocks.stream().mapToLong(EntryBlock::size).sum(), start, optimizer,
        layout, 7, regParam);
  }

  @ParameterizedTest(name = "depth {0}, {1}, {2}x{3} blocks, penalty {5}")
  @CsvSource({"2, GD, 2, 3, 0.5, 0", "3, GROUPRMSPROP, 3, 2, 0.01, 0", "3, ADAM, 1, 1, 0.01, 0",
      "4, MOMENTUM, 2, 2, 0.05, 0", "2, GD, 3, 2, 0.5, 0.3", "4, ADAM, 2, 3, 0.01, 0.1"})
  void sameIteratesAsTheLocalEngine(int depth, Optimizer.Kind kind, int rowBlocks, int colBlocks, double lr,
      double regParam) {
    StoppingRule rule = new StoppingRule(25, 0);
    DeepFactorization local = start(depth);
    List<EntryBlock> entries = entries();
    Objective data = CompletionObjective.local(entries, 1);
    try (Objective objective = regParam == 0 ? data
        : new PenalizedObjective(data, FactorPenalty.of(regParam, EntryCounts.of(entries, M, N)))) {
      new Trainer(rule, TrainingListener.NONE).train(local, objective, kind.create(lr));
    }
    DeepFactorization distributed;
    try (BlockedCompletion state = blocked(start(depth), kind.create(lr), new BlockLayout(rowBlocks, colBlocks),
        regParam)) {
      distributed = new Trainer(rule, TrainingListener.NONE).train(state, 0).model();
    }
    for (int k = 1; k <= depth; k++) {
      Matrix a = local.factor(k);
      double relative = Math.sqrt(a.minus(distributed.factor(k)).frobeniusNormSquared() / a.frobeniusNormSquared());
      assertTrue(relative < 1e-10, "W_" + k + " differs by " + relative);
    }
  }

  @Test
  void lossAtTheStartEqualsTheLocalOne() {
    DeepFactorization model = start(3);
    double expected;
    try (CompletionObjective objective = CompletionObjective.local(entries(), 1)) {
      expected = objective.meanSquaredError(model);
    }
    try (BlockedCompletion state = blocked(model.copy(), Optimizer.Kind.GD.create(0.1), new BlockLayout(2, 2))) {
      assertEquals(expected, state.evaluate(), TestProblems.meanSquaredErrorRounding(model, entries()));
      DeepFactorization gathered = state.model();
      for (int k = 1; k <= 3; k++) {
        assertArrayEquals(model.factor(k).data(), gathered.factor(k).data(), 0.0);
      }
    }
  }

  @Test
  void resumedRunEndsWithTheSameFactors(@TempDir Path dir) {
    Optimizer.Kind kind = Optimizer.Kind.ADAM;
    BlockLayout layout = new BlockLayout(2, 2);
    DeepFactorization uninterrupted;
    try (BlockedCompletion state = blocked(start(3), kind.create(0.02), layout)) {
      uninterrupted = new Trainer(new StoppingRule(30, 0), TrainingListener.NONE).train(state, 0).model();
    }
    CheckpointStore store = new CheckpointStore(dir.toString(), LocalSpark.context().hadoopConfiguration());
    try (BlockedCompletion killed = blocked(start(3), kind.create(0.02), layout)) {
      // stands for a run killed at step 25: its checkpoints at 10 and 20 are on disk
      new Trainer(new StoppingRule(25, 0), TrainingListener.NONE, store, 10).train(killed, 0);
    }
    assertEquals(20, store.latestStep().getAsInt());
    DeepFactorization resumed;
    try (BlockedCompletion state = blocked(start(3), kind.create(0.02), layout)) {
      state.readCheckpoint(store, 20);
      resumed = new Trainer(new StoppingRule(30, 0), TrainingListener.NONE, store, 10).train(state, 20).model();
    }
    for (int k = 1; k <= 3; k++) {
      assertArrayEquals(uninterrupted.factor(k).data(), resumed.factor(k).data(), 0.0, "W_" + k);
    }
  }
}
