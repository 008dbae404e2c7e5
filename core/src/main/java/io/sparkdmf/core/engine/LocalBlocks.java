package io.sparkdmf.core.engine;

import java.util.ArrayList;
import java.util.List;

/**
 * The in-process engine: the same blocks and kernels as Spark, on the calling thread and helper
 * threads without serialization or scheduling, for small problems and experiments of many thousand
 * steps.
 *
 * <p>The blocks are cut into one contiguous chunk per thread, and each chunk's buffers are merged in
 * chunk order, so a run is deterministic for a given number of threads. Which thread computes a chunk
 * is decided while the step runs: the calling thread and the helpers claim chunks as they come free
 * (a helper that has not woken up yet simply gets none), and once the calling thread has nothing left
 * to claim it waits for a chunk another thread is still computing for a quarter of its own chunk's
 * time, then computes it itself. So a helper whose core the OS has given to another process delays a
 * step by about one chunk at most. Waking a parked helper costs the calling thread too (the OS may
 * run the woken thread on the caller's core), so while the helpers contribute nothing they are woken
 * ever less often; one that finishes a chunk is woken every step again.
 */
public final class LocalBlocks<B> implements DistributedBlocks<B> {
  /** The shortest wait for another thread's chunk, below which timing one chunk is noise. */
  private static final long MIN_WAIT_NANOS = 20_000;
  /** While the helpers bring nothing, parked ones are woken only every 2, 4, ... up to this many steps. */
  private static final int MAX_WAKE_INTERVAL = 64;

  private final List<List<B>> chunks;
  private final List<HelperThread> helpers;
  private volatile ClaimRound<?> open;
  private int wakeEvery = 1;
  private int roundsSinceWake;

  public LocalBlocks(List<B> blocks, int threads) {
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be at least 1, got " + threads);
    }
    int used = Math.max(1, Math.min(threads, blocks.size()));
    this.chunks = new ArrayList<>(used);
    this.helpers = new ArrayList<>(used - 1);
    for (int t = 0; t < used; t++) {
      int from = (int) ((long) blocks.size() * t / used);
      int to = (int) ((long) blocks.size() * (t + 1) / used);
      chunks.add(List.copyOf(blocks.subList(from, to)));
      if (t > 0) {
        helpers.add(new HelperThread("dmf-local-engine-" + t, () -> open));
      }
    }
  }

  @Override
  public <P, A> A aggregate(P shipped, BlockKernel<P, B, A> kernel) {
    ClaimRound<A> round = new ClaimRound<>(chunks.size(), c -> accumulate(chunks.get(c), shipped, kernel));
    if (!helpers.isEmpty()) {
      open = round;
      if (++roundsSinceWake >= wakeEvery) {
        roundsSinceWake = 0;
        helpers.forEach(HelperThread::wake);
      }
    }
    long longestOwnChunk = 0;
    int computedHere = 0;
    for (int chunk = round.claim(); chunk >= 0; chunk = round.claim()) {
      computedHere++;
      long start = System.nanoTime();
      round.run(chunk);
      longestOwnChunk = Math.max(longestOwnChunk, System.nanoTime() - start);
    }
    long waitNanos = Math.max(longestOwnChunk / 4, MIN_WAIT_NANOS);
    A total = null;
    for (int chunk = 0; chunk < round.chunks(); chunk++) {
      if (!round.isDone(chunk) && computedHereAfterWaiting(round, chunk, waitNanos)) {
        computedHere++;
      }
      total = total == null ? round.result(chunk) : kernel.merge(total, round.result(chunk));
    }
    open = null;
    boolean helped = computedHere < chunks.size();
    wakeEvery = helped ? 1 : Math.min(MAX_WAKE_INTERVAL, 2 * wakeEvery);
    return total;
  }

  /**
   * Waits up to {@code waitNanos} for another thread to finish {@code chunk}, then computes it here;
   * true if it had to.
   */
  private static boolean computedHereAfterWaiting(ClaimRound<?> round, int chunk, long waitNanos) {
    long deadline = System.nanoTime() + waitNanos;
    while (!round.isDone(chunk) && System.nanoTime() < deadline) {
      Thread.onSpinWait();
    }
    if (round.isDone(chunk)) {
      return false;
    }
    round.run(chunk);
    return true;
  }

  private static <P, B, A> A accumulate(List<B> chunk, P shipped, BlockKernel<P, B, A> kernel) {
    A buffer = kernel.zero();
    for (B block : chunk) {
      buffer = kernel.accumulate(shipped, block, buffer);
    }
    return buffer;
  }

  /** True when every helper is parked (for tests: an idle engine must not hold a core). */
  boolean helpersParked() {
    return helpers.stream().allMatch(HelperThread::isParked);
  }

  @Override
  public String engineName() {
    return "local";
  }

  @Override
  public void close() {
    helpers.forEach(HelperThread::close);
  }
}
