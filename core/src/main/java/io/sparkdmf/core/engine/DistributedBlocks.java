package io.sparkdmf.core.engine;

/**
 * Blocks of training data and the engine that runs a {@link BlockKernel} over them: the
 * data-routing layer, kept apart from the model (what W is) and the solver (how it moves).
 *
 * @param <B> the block type
 */
public interface DistributedBlocks<B> extends AutoCloseable {

  /** Runs {@code kernel} over every block with {@code shipped} and sums the buffers. */
  <P, A> A aggregate(P shipped, BlockKernel<P, B, A> kernel);

  /** "local" or "spark", for logs and metrics. */
  String engineName();

  @Override
  default void close() {}
}
