package io.sparkdmf.core.engine;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.IntFunction;

/**
 * One aggregation of the local engine: a fixed list of chunks that any thread may claim, each computed
 * into a buffer of its own. The first result published for a chunk is kept, so a chunk whose claimer
 * was descheduled can be computed again by another thread without waiting for it; every computation
 * of a chunk gives the same bits, so it does not matter which one wins.
 */
final class ClaimRound<A> {
  private final IntFunction<A> work;
  private final AtomicInteger next = new AtomicInteger();
  private final AtomicReferenceArray<Object> results;

  /** A kernel's exception, published in place of a chunk's result. */
  private record Failure(Throwable cause) {}

  ClaimRound(int chunks, IntFunction<A> work) {
    this.work = work;
    this.results = new AtomicReferenceArray<>(chunks);
  }

  int chunks() {
    return results.length();
  }

  /** The next chunk nobody has claimed, or -1 when all are taken. */
  int claim() {
    int chunk = next.getAndIncrement();
    return chunk < chunks() ? chunk : -1;
  }

  /** Computes {@code chunk} and publishes the result (or the failure) unless another thread was first. */
  void run(int chunk) {
    Object outcome;
    try {
      outcome = work.apply(chunk);
    } catch (RuntimeException | Error e) {
      outcome = new Failure(e);
    }
    results.compareAndSet(chunk, null, outcome);
  }

  boolean isDone(int chunk) {
    return results.get(chunk) != null;
  }

  /** The published result of a finished chunk; a kernel's failure surfaces here, with its cause. */
  @SuppressWarnings("unchecked")
  A result(int chunk) {
    Object outcome = results.get(chunk);
    if (outcome instanceof Failure failure) {
      throw new IllegalStateException("a kernel failed on chunk " + chunk, failure.cause());
    }
    return (A) outcome;
  }
}
