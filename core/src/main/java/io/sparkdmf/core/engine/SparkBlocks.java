package io.sparkdmf.core.engine;

import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.storage.StorageLevel;

/**
 * The Spark engine: blocks live in a cached RDD; each step broadcasts what the kernel needs, runs
 * the kernel in every partition, combines the buffers with an {@link OrderedAggregation} (a
 * treeAggregate whose result is the same on every run) and destroys the broadcast
 * so executors do not keep one copy of the factors per step.
 */
public final class SparkBlocks<B> implements DistributedBlocks<B> {
  private final JavaRDD<B> blocks;

  public SparkBlocks(JavaRDD<B> blocks) {
    this.blocks = blocks.persist(StorageLevel.MEMORY_AND_DISK());
  }

  @Override
  public <P, A> A aggregate(P shipped, BlockKernel<P, B, A> kernel) {
    JavaSparkContext sc = JavaSparkContext.fromSparkContext(blocks.context());
    Broadcast<P> broadcast = sc.broadcast(shipped);
    try {
      JavaRDD<A> partials = blocks.mapPartitions(partition -> {
        A buffer = kernel.zero();
        while (partition.hasNext()) {
          buffer = kernel.accumulate(broadcast.value(), partition.next(), buffer);
        }
        return java.util.List.of(buffer).iterator();
      });
      return OrderedAggregation.merge(partials, kernel::merge);
    } finally {
      broadcast.destroy();
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
