package io.sparkdmf.core.engine;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.storage.StorageLevel;

/**
 * Updatable blocks in an RDD, one block per partition. Sums are merged in partition order
 * ({@link OrderedAggregation}), so results equal the local engine's bit for bit; updates map the
 * blocks lazily (the next sum computes them, no job of their own), replaced versions are dropped once
 * that sum has run, and the lineage is cut by a local checkpoint every {@value #LINEAGE_CUT_EVERY} updates.
 */
public class SparkUpdatableBlocks<B> implements UpdatableBlocks<B> {
  private static final int LINEAGE_CUT_EVERY = 20;

  private JavaRDD<B> blocks;
  /** Versions replaced since the last sum: still the parents of {@code blocks} until it is computed. */
  private final List<JavaRDD<B>> replaced = new ArrayList<>();
  private int updates;

  public SparkUpdatableBlocks(JavaSparkContext sc, List<B> blocks) {
    this.blocks = sc.parallelize(blocks, blocks.size()).persist(StorageLevel.MEMORY_AND_DISK());
  }

  @Override
  public <A> A aggregate(Contribution<B, A> contribution, Merge<A> merge) {
    JavaRDD<A> partials = blocks.mapPartitions(iterator -> {
      List<A> out = new ArrayList<>(1);
      A total = null;
      while (iterator.hasNext()) {
        A next = contribution.of(iterator.next());
        total = total == null ? next : merge.merge(total, next);
      }
      if (total != null) {
        out.add(total);
      }
      return out.iterator();
    });
    A total = OrderedAggregation.merge(partials, merge::merge);
    replaced.forEach(rdd -> rdd.unpersist(false));
    replaced.clear();
    return total;
  }

  @Override
  public void update(Update<B> update) {
    replaced.add(blocks);
    blocks = blocks.map(update::apply).persist(StorageLevel.MEMORY_AND_DISK());
    if (++updates % LINEAGE_CUT_EVERY == 0) {
      blocks.rdd().localCheckpoint();
    }
  }


  @Override
  public String engineName() {
    return "spark";
  }

  @Override
  public void close() {
    replaced.forEach(rdd -> rdd.unpersist(false));
    blocks.unpersist(false);
  }
}
