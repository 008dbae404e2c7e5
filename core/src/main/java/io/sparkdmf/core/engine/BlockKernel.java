package io.sparkdmf.core.engine;

import java.io.Serializable;

/**
 * The work a partition does on its blocks in one step: fold every block into an aggregation buffer
 * using what the driver shipped (e.g. factor panels), then merge buffers. Engines run it; they do
 * not know what it computes.
 *
 * @param <P> what is shipped to every partition each step (broadcast on Spark)
 * @param <B> the block type the data is stored in
 * @param <A> the aggregation buffer
 */
public interface BlockKernel<P, B, A> extends Serializable {

  /** An empty buffer; cheap to create and to serialise (allocate arrays on first use). */
  A zero();

  /** Folds {@code block} into {@code into} and returns it. */
  A accumulate(P shipped, B block, A into);

  /** Adds {@code other} into {@code into} and returns it. */
  A merge(A into, A other);
}
