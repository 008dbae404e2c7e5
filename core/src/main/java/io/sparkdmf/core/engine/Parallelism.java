package io.sparkdmf.core.engine;

import io.sparkdmf.core.engine.blocked.BlockLayout;
import java.io.Serializable;

/**
 * How finely a completion fit is split, one number per use: {@code partitions} of the entries (the
 * Spark engine's tasks, and at most as many threads for the local engine) and the block engine's grid
 * of {@code rowBlocks} x {@code colBlocks} factor blocks (MLlib ALS's user and item blocks).
 */
public record Parallelism(int partitions, int rowBlocks, int colBlocks) implements Serializable {

  public Parallelism {
    if (partitions < 1 || rowBlocks < 1 || colBlocks < 1) {
      throw new IllegalArgumentException("partitions and block counts must be at least 1, got " + partitions
          + " partitions and " + rowBlocks + " x " + colBlocks + " blocks");
    }
  }

  /** The same number for all three, as a single parallelism setting means. */
  public static Parallelism uniform(int parallelism) {
    return new Parallelism(parallelism, parallelism, parallelism);
  }

  /** Threads for the local engine on {@code size} entries: the partitions, fewer for small problems. */
  public int threads(long size) {
    return EngineChoice.localThreads(size, partitions);
  }

  /** The block engine's grid for a {@code rows} x {@code cols} matrix (no more blocks than rows or columns). */
  public BlockLayout layout(int rows, int cols) {
    return new BlockLayout(Math.min(rowBlocks, rows), Math.min(colBlocks, cols));
  }
}
