package io.sparkdmf.core.engine;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * Blocks that are both data and state: each pass either sums small per-block contributions or
 * rewrites every block (for example, per-sample factors that live beside their samples). The blocks
 * live on the driver ({@link LocalUpdatableBlocks}) or in an RDD ({@link SparkUpdatableBlocks}); both
 * fold the blocks' contributions in block order, so a run gives the same numbers on either. Read-only
 * training data with parameters shipped each step uses {@link DistributedBlocks} instead.
 *
 * @param <B> the block type
 */
public interface UpdatableBlocks<B> extends AutoCloseable {

  /** What one block contributes to a sum (small matrices). */
  interface Contribution<B, A> extends Serializable {
    A of(B block);
  }

  /** Adds the second argument into the first and returns it. */
  interface Merge<A> extends Serializable {
    A merge(A into, A other);
  }

  /** A new version of a block. */
  interface Update<B> extends Serializable {
    B apply(B block);
  }

  /** Sum over blocks in block order. */
  <A> A aggregate(Contribution<B, A> contribution, Merge<A> merge);

  /** Every block's contribution, in block order: per-block results gathered on the driver. */
  default <A> List<A> collect(Contribution<B, A> contribution) {
    return aggregate(b -> {
      List<A> one = new ArrayList<>(1);
      one.add(contribution.of(b));
      return one;
    }, (into, other) -> {
      into.addAll(other);
      return into;
    });
  }

  /** Replaces every block by its update. */
  void update(Update<B> update);

  /** "local" or "spark". */
  String engineName();

  @Override
  default void close() {}
}
