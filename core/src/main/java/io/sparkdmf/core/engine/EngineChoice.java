package io.sparkdmf.core.engine;

import java.util.function.Supplier;

/**
 * Where the kernels run: in the driver's threads, on Spark with the factors broadcast each step, or
 * on Spark with the outer factors in RDD blocks; or chosen from the data and factor sizes.
 */
public enum EngineChoice {
  /** Local up to {@link #AUTO_LOCAL_LIMIT} entries; blocked once the factors pass {@link #BROADCAST_LIMIT_BYTES}; Spark between. */
  AUTO,
  LOCAL,
  SPARK,
  BLOCKED;

  /** Up to this many entries fit the driver easily and a local step beats Spark's fixed cost per step. */
  public static final long AUTO_LOCAL_LIMIT = 1_000_000;

  /**
   * Factors up to this size are broadcast every step; beyond, shipping every factor to every executor
   * each step costs more than routing each block only the vectors its entries use.
   */
  public static final long BROADCAST_LIMIT_BYTES = 256L << 20;

  /**
   * Below this many entries per thread, handing work to another thread costs more than it saves: in
   * four runs of 'dmf bench step' on 2,000 entries, 2 threads took 0.85x-1.11x the time of 1 per step,
   * about break-even at 1,000 entries each.
   */
  public static final int MIN_ENTRIES_PER_THREAD = 1_000;

  /** Builds the variant this choice and the sizes call for; {@code blocked} may be null where unsupported. */
  public <T> T choose(long size, long factorBytes, Supplier<T> local, Supplier<T> spark, Supplier<T> blocked) {
    EngineChoice engine = this;
    if (engine == AUTO) {
      engine = size <= AUTO_LOCAL_LIMIT ? LOCAL
          : factorBytes > BROADCAST_LIMIT_BYTES && blocked != null ? BLOCKED : SPARK;
    }
    return switch (engine) {
      case LOCAL -> local.get();
      case SPARK -> spark.get();
      case BLOCKED -> {
        if (blocked == null) {
          throw new IllegalArgumentException("the blocked engine is available for matrix completion only");
        }
        yield blocked.get();
      }
      case AUTO -> throw new IllegalStateException("unreachable");
    };
  }

  /** The bytes of the outer factors W_N and W_1 of an m x n model of hidden width d. */
  public static long factorBytes(int rows, int cols, int width) {
    return ((long) rows + cols) * width * Double.BYTES;
  }

  public static int localThreads(long size, int parallelism) {
    return (int) Math.max(1, Math.min(parallelism, size / MIN_ENTRIES_PER_THREAD));
  }

  /** A block size that gives every thread or partition several blocks. */
  public static int blockSize(long size, int parallelism) {
    return (int) Math.max(256, Math.min(4096, (size + 4L * parallelism - 1) / (4L * parallelism)));
  }
}
