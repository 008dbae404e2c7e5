package io.sparkdmf.core.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sparkdmf.core.LocalSpark;
import io.sparkdmf.core.TestProblems;
import io.sparkdmf.core.completion.CompletionObjective;
import io.sparkdmf.core.completion.EntryBlock;
import io.sparkdmf.core.model.DeepFactorization;
import io.sparkdmf.core.model.FactorShapes;
import io.sparkdmf.core.model.Initialization;
import io.sparkdmf.core.objective.Objective;
import io.sparkdmf.core.optim.Optimizer;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.JavaRDD;
import org.junit.jupiter.api.Test;

/** Tasks that fail on their first attempt are retried by Spark, and the run ends on the clean run's iterate. */
class FaultInjectionTest {
  /** Local mode runs tasks in this JVM, so a static counts the failures injected. */
  private static final AtomicInteger INJECTED = new AtomicInteger();

  private static DeepFactorization train(JavaRDD<EntryBlock> entries, long size) {
    DeepFactorization model = Initialization.GAUSSIAN.create(FactorShapes.fullWidth(30, 24, 3), 1e-2, 5);
    try (Objective objective = CompletionObjective.spark(entries, size)) {
      new Trainer(new StoppingRule(60, 0), TrainingListener.NONE)
          .train(model, objective, Optimizer.Kind.ADAM.create(0.01));
    }
    return model;
  }

  @Test
  void firstAttemptFailuresChangeNothing() {
    List<EntryBlock> blocks = TestProblems.sample(TestProblems.lowRank(30, 24, 3, 1), 0.4, 2).split(37);
    long size = blocks.stream().mapToLong(EntryBlock::size).sum();
    DeepFactorization clean = train(LocalSpark.context().parallelize(blocks, 3), size);
    JavaRDD<EntryBlock> flaky = LocalSpark.context().parallelize(blocks, 3).map(block -> {
      if (TaskContext.get().attemptNumber() == 0) {
        INJECTED.incrementAndGet();
        throw new IllegalStateException("injected failure of a first attempt");
      }
      return block;
    });
    DeepFactorization retried = train(flaky, size);
    assertTrue(INJECTED.get() >= 3, "every partition failed once: " + INJECTED.get());
    for (int k = 1; k <= 3; k++) {
      assertArrayEquals(clean.factor(k).data(), retried.factor(k).data(), 0.0, "W_" + k);
    }
  }
}
