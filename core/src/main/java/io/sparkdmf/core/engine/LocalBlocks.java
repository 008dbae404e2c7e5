package io.sparkdmf.core.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The in-process engine: the same blocks and kernels as Spark, spread over a fixed pool of threads
 * without serialization or scheduling, for small problems and experiments of many thousand steps.
 * Each thread owns a contiguous run of blocks and its buffers are merged in a fixed order, so a run
 * is deterministic for a given number of threads.
 */
public final class LocalBlocks<B> implements DistributedBlocks<B> {
  private final List<List<B>> shares;
  private final ExecutorService pool;

  public LocalBlocks(List<B> blocks, int threads) {
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be at least 1, got " + threads);
    }
    int used = Math.max(1, Math.min(threads, blocks.size()));
    this.shares = new ArrayList<>(used);
    for (int t = 0; t < used; t++) {
      int from = (int) ((long) blocks.size() * t / used);
      int to = (int) ((long) blocks.size() * (t + 1) / used);
      shares.add(List.copyOf(blocks.subList(from, to)));
    }
    this.pool = used == 1 ? null : Executors.newFixedThreadPool(used, runnable -> {
      Thread thread = new Thread(runnable, "dmf-local-engine");
      thread.setDaemon(true);
      return thread;
    });
  }

  @Override
  public <P, A> A aggregate(P shipped, BlockKernel<P, B, A> kernel) {
    if (pool == null) {
      return accumulate(shares.get(0), shipped, kernel);
    }
    List<Future<A>> futures = new ArrayList<>(shares.size());
    for (List<B> share : shares) {
      futures.add(pool.submit(() -> accumulate(share, shipped, kernel)));
    }
    A total = kernel.zero();
    try {
      for (Future<A> future : futures) {
        total = kernel.merge(total, future.get());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while running a kernel", e);
    } catch (ExecutionException e) {
      throw new IllegalStateException("a kernel failed", e.getCause());
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
    if (pool != null) {
      pool.shutdownNow();
    }
  }
}
