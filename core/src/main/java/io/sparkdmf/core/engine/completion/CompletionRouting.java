package io.sparkdmf.core.engine.completion;

import io.sparkdmf.core.completion.CompletionObjective;
import io.sparkdmf.core.completion.EntryBlock;
import io.sparkdmf.core.engine.EngineChoice;
import io.sparkdmf.core.engine.Parallelism;
import io.sparkdmf.core.completion.EntryCounts;
import io.sparkdmf.core.penalty.FactorPenalty;
import io.sparkdmf.core.penalty.PenalizedObjective;
import io.sparkdmf.core.train.TrainData;
import java.util.List;
import java.util.function.Supplier;
import org.apache.spark.api.java.JavaRDD;

/**
 * Sends observed entries to the engine an {@link EngineChoice} and the sizes call for: the driver's
 * threads, Spark with broadcast factors, or the block engine. Shared by the complete job and the
 * Spark ML estimator.
 */
public final class CompletionRouting {
  private CompletionRouting() {}

  /**
   * @param onDriver the entries as blocks on the driver (only called for the local engine)
   * @param inRdd the entries as an RDD with the wanted partitioning (only called for Spark engines)
   * @param parallelism the local engine's threads, the Spark engine's partitions, the block engine's grid
   * @param regParam lambda of the {@link FactorPenalty} (0: none, the implicit regularization alone)
   */
  public static TrainData route(EngineChoice engine, long count, int rows, int cols, int width, Parallelism parallelism,
      double regParam, Supplier<List<EntryBlock>> onDriver, Supplier<JavaRDD<EntryBlock>> inRdd) {
    FactorPenalty.requireValidWeight(regParam);
    return engine.choose(count, EngineChoice.factorBytes(rows, cols, width),
        () -> {
          List<EntryBlock> entries = onDriver.get();
          return TrainData.of(PenalizedObjective.withPenalty(
              CompletionObjective.local(entries, parallelism.threads(count)), regParam,
              () -> EntryCounts.of(entries, rows, cols)));
        },
        () -> {
          JavaRDD<EntryBlock> entries = inRdd.get();
          return TrainData.of(PenalizedObjective.withPenalty(CompletionObjective.spark(entries, count), regParam,
              () -> EntryCounts.of(entries, rows, cols)));
        },
        () -> new BlockedTrainData(inRdd.get(), count, parallelism.layout(rows, cols), regParam));
  }
}
