package io.sparkdmf.core.multiview;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * The samples of every view, cut into {@link SampleBlock}s that live on the driver (small data) or
 * in a Spark RDD (one block per partition). Both engines fold blocks in the same order, so a run
 * gives the same numbers on either.
 */
public interface SampleBlocks extends AutoCloseable {

  /** What one block contributes to a sum (small matrices). */
  interface Contribution<A> extends Serializable {
    A of(SampleBlock block);
  }

  /** Adds the second argument into the first and returns it. */
  interface Merge<A> extends Serializable {
    A merge(A into, A other);
  }

  /** A new version of a block (its own columns updated). */
  interface Update extends Serializable {
    SampleBlock apply(SampleBlock block);
  }

  /** Sum over blocks in block order. */
  <A> A aggregate(Contribution<A> contribution, Merge<A> merge);

  /** Every block's contribution, in block order: per-sample results gathered on the driver. */
  default <A> List<A> collect(Contribution<A> contribution) {
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
  void update(Update update);

  int samples();

  /** "local" or "spark". */
  String engineName();

  @Override
  default void close() {}
}
