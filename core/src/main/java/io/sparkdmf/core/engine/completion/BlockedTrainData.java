package io.sparkdmf.core.engine.completion;

import io.sparkdmf.core.engine.blocked.BlockLayout;
import io.sparkdmf.core.engine.blocked.BlockedCompletion;
import io.sparkdmf.core.completion.EntryBlock;
import io.sparkdmf.core.model.DeepFactorization;
import io.sparkdmf.core.optim.Optimizer;
import io.sparkdmf.core.train.TrainData;
import io.sparkdmf.core.train.TrainingState;
import org.apache.spark.api.java.JavaRDD;

/** Observed entries for the block engine, which keeps the outer factors in RDD blocks. */
record BlockedTrainData(JavaRDD<EntryBlock> entries, long size, BlockLayout layout, double regParam)
    implements TrainData {

  /**
   * Steps between local checkpoints of the factor RDDs when no --checkpoint-dir cuts their lineage:
   * often enough that Spark's planning stays cheap, rarely enough to cost little.
   */
  public static final int LINEAGE_CUT_EVERY = 25;

  @Override
  public String engineName() {
    return BlockedCompletion.ENGINE_NAME;
  }

  @Override
  public TrainingState start(DeepFactorization initial, Optimizer optimizer) {
    return new BlockedCompletion(entries, size, initial, optimizer, layout, LINEAGE_CUT_EVERY, regParam);
  }

  @Override
  public void close() {
    // the entries RDD is the reader's; the block engine unpersists its own copies on close
  }
}
