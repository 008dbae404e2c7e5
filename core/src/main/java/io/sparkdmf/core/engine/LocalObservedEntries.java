package io.sparkdmf.core.engine;

import io.sparkdmf.core.entries.EntryBlock;
import io.sparkdmf.core.gradient.CompletionKernel;
import io.sparkdmf.core.gradient.FactorPanels;
import io.sparkdmf.core.gradient.GradientPartial;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The in-process engine: the same blocks and kernel as Spark, spread over a fixed pool of threads
 * without serialization or scheduling, for small problems and experiments of many thousand steps.
 * Each thread owns a contiguous run of blocks and its partials are merged in a fixed order, so a
 * run is deterministic for a given number of threads.
 */
public final class LocalObservedEntries implements ObservedEntries {
  private final List<List<EntryBlock>> shares;
  private final long count;
  private final ExecutorService pool;

  public LocalObservedEntries(List<EntryBlock> blocks, int threads) {
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be at least 1, got " + threads);
    }
    int used = Math.max(1, Math.min(threads, blocks.size()));
    this.shares = new ArrayList<>(used);
    for (int t = 0; t < used; t++) {
      int from = (int) ((long) blocks.size() * t / used);
      int to = (int) ((long) blocks.size() * (t + 1) / used);
      shares.add(blocks.subList(from, to).stream().map(EntryBlock::sortedByColumn).toList());
    }
    this.count = blocks.stream().mapToLong(EntryBlock::size).sum();
    this.pool = used == 1 ? null : Executors.newFixedThreadPool(used, runnable -> {
      Thread thread = new Thread(runnable, "dmf-local-engine");
      thread.setDaemon(true);
      return thread;
    });
  }

  @Override
  public long count() {
    return count;
  }

  @Override
  public GradientPartial aggregate(FactorPanels panels, CompletionKernel kernel) {
    if (pool == null) {
      return accumulate(shares.get(0), panels, kernel);
    }
    List<Future<GradientPartial>> futures = new ArrayList<>(shares.size());
    for (List<EntryBlock> share : shares) {
      futures.add(pool.submit(() -> accumulate(share, panels, kernel)));
    }
    GradientPartial total = new GradientPartial();
    try {
      for (Future<GradientPartial> future : futures) {
        total.merge(future.get());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while computing a gradient", e);
    } catch (ExecutionException e) {
      throw new IllegalStateException("gradient computation failed", e.getCause());
    }
    return total;
  }

  private static GradientPartial accumulate(
      List<EntryBlock> share, FactorPanels panels, CompletionKernel kernel) {
    GradientPartial partial = new GradientPartial();
    for (EntryBlock block : share) {
      kernel.accumulate(panels, block, partial);
    }
    return partial;
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
