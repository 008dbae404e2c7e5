package io.sparkdmf.core.engine;

import io.sparkdmf.core.entries.EntryBlock;
import io.sparkdmf.core.gradient.CompletionKernel;
import io.sparkdmf.core.gradient.FactorPanels;
import io.sparkdmf.core.gradient.GradientPartial;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.storage.StorageLevel;

/**
 * The Spark engine: entry blocks live in a cached RDD; each step broadcasts the panels, runs the
 * kernel in every partition, combines the partials with treeAggregate and destroys the broadcast so
 * executors do not accumulate one copy of the factors per step.
 */
public final class SparkObservedEntries implements ObservedEntries {
  private static final int AGGREGATION_DEPTH = 2;

  private final JavaRDD<EntryBlock> blocks;
  private final long count;

  public SparkObservedEntries(JavaRDD<EntryBlock> blocks) {
    this.blocks = blocks.map(EntryBlock::sortedByColumn).persist(StorageLevel.MEMORY_AND_DISK());
    this.count = this.blocks.map(block -> (long) block.size()).fold(0L, Long::sum);
  }

  @Override
  public long count() {
    return count;
  }

  @Override
  public GradientPartial aggregate(FactorPanels panels, CompletionKernel kernel) {
    JavaSparkContext sc = JavaSparkContext.fromSparkContext(blocks.context());
    Broadcast<FactorPanels> shipped = sc.broadcast(panels);
    try {
      return blocks.treeAggregate(
          new GradientPartial(),
          (partial, block) -> kernel.accumulate(shipped.value(), block, partial),
          GradientPartial::merge,
          AGGREGATION_DEPTH);
    } finally {
      shipped.destroy();
    }
  }

  @Override
  public String engineName() {
    return "spark";
  }

  @Override
  public void close() {
    blocks.unpersist(false);
  }
}
