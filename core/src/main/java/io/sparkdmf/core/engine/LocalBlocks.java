package io.sparkdmf.core.engine;

import java.util.ArrayList;
import java.util.List;

/**
 * The in-process engine: the same blocks and kernels as Spark, spread over a fixed set of threads
 * without serialization or scheduling, for small problems and experiments of many thousand steps.
 * Each thread owns a contiguous run of blocks (the calling thread the first) and its buffers are
 * merged in a fixed order, so a run is deterministic for a given number of threads.
 */
public final class LocalBlocks<B> implements DistributedBlocks<B> {
  private final List<List<B>> shares;
  private final List<SpinningWorker> workers;

  public LocalBlocks(List<B> blocks, int threads) {
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be at least 1, got " + threads);
    }
    int used = Math.max(1, Math.min(threads, blocks.size()));
    this.shares = new ArrayList<>(used);
    this.workers = new ArrayList<>(used - 1);
    for (int t = 0; t < used; t++) {
      int from = (int) ((long) blocks.size() * t / used);
      int to = (int) ((long) blocks.size() * (t + 1) / used);
      shares.add(List.copyOf(blocks.subList(from, to)));
      if (t > 0) {
        workers.add(new SpinningWorker("dmf-local-engine-" + t));
      }
    }
  }

  @Override
  public <P, A> A aggregate(P shipped, BlockKernel<P, B, A> kernel) {
    for (int t = 1; t < shares.size(); t++) {
      List<B> share = shares.get(t);
      workers.get(t - 1).start(() -> accumulate(share, shipped, kernel));
    }
    A total;
    try {
      total = accumulate(shares.get(0), shipped, kernel);
    } catch (RuntimeException | Error e) {
      // The workers must finish before the blocks are used again.
      for (SpinningWorker worker : workers) {
        try {
          worker.join();
        } catch (RuntimeException also) {
          e.addSuppressed(also);
        }
      }
      throw e;
    }
    for (SpinningWorker worker : workers) {
      total = kernel.merge(total, worker.join());
    }
    return total;
  }

  private static <P, B, A> A accumulate(List<B> share, P shipped, BlockKernel<P, B, A> kernel) {
    A buffer = kernel.zero();
    for (B block : share) {
      buffer = kernel.accumulate(shipped, block, buffer);
    }
    return buffer;
  }

  @Override
  public String engineName() {
    return "local";
  }

  @Override
  public void close() {
    workers.forEach(SpinningWorker::close);
  }
}
