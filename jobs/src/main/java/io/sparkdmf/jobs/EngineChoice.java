package io.sparkdmf.jobs;

import java.util.function.Supplier;

/** Where the kernels run: in the driver's threads, on the Spark cluster, or chosen by size. */
enum EngineChoice {
  /** Local up to {@link #AUTO_LOCAL_LIMIT} entries or measurements, Spark beyond. */
  AUTO,
  LOCAL,
  SPARK;

  /** Up to this many entries fit the driver easily and a local step beats Spark's fixed cost per step. */
  static final long AUTO_LOCAL_LIMIT = 1_000_000;

  /**
   * Below this many entries per thread, handing work to another thread costs more than it saves
   * (measured with bench-step: 2 threads are slower than 1 on 2,000 entries).
   */
  static final int MIN_ENTRIES_PER_THREAD = 20_000;

  boolean isLocal(long size) {
    return this == LOCAL || (this == AUTO && size <= AUTO_LOCAL_LIMIT);
  }

  /** Builds the local or the Spark variant of something, by this choice and the data size. */
  <T> T choose(long size, Supplier<T> local, Supplier<T> spark) {
    return isLocal(size) ? local.get() : spark.get();
  }

  static int localThreads(long size, int parallelism) {
    return (int) Math.max(1, Math.min(parallelism, size / MIN_ENTRIES_PER_THREAD));
  }

  /** A block size that gives every thread or partition several blocks. */
  static int blockSize(long size, int parallelism) {
    return (int) Math.max(256, Math.min(4096, (size + 4L * parallelism - 1) / (4L * parallelism)));
  }
}
