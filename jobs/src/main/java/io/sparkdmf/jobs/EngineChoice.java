package io.sparkdmf.jobs;

import io.sparkdmf.core.engine.LocalObservedEntries;
import io.sparkdmf.core.engine.ObservedEntries;
import io.sparkdmf.core.engine.SparkObservedEntries;
import io.sparkdmf.core.entries.EntryBlock;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;

/** Where the gradient kernel runs: in the driver's threads, on the Spark cluster, or chosen by size. */
enum EngineChoice {
  /** Local up to {@link #AUTO_LOCAL_LIMIT} entries (they fit the driver easily), Spark beyond. */
  AUTO,
  LOCAL,
  SPARK;

  static final long AUTO_LOCAL_LIMIT = 1_000_000;

  EngineChoice resolve(long entries) {
    if (this != AUTO) {
      return this;
    }
    return entries <= AUTO_LOCAL_LIMIT ? LOCAL : SPARK;
  }

  /**
   * Below this many entries per thread, handing work to another thread costs more than it saves
   * (measured with bench-step: 2 threads are slower than 1 on 2,000 entries).
   */
  static final int MIN_ENTRIES_PER_THREAD = 20_000;

  /** Entries already on the driver: blocks sized so that every thread or partition gets work. */
  ObservedEntries build(EntryBlock entries, JavaSparkContext sc, int parallelism) {
    int blockSize = (int) Math.max(256, Math.min(EntryBlock.DEFAULT_BLOCK_SIZE,
        (entries.size() + 4L * parallelism - 1) / (4L * parallelism)));
    List<EntryBlock> blocks = entries.split(blockSize);
    return resolve(entries.size()) == LOCAL
        ? new LocalObservedEntries(blocks, localThreads(entries.size(), parallelism))
        : new SparkObservedEntries(sc.parallelize(blocks, parallelism));
  }

  /** Entries read into an RDD: the local engine collects them to the driver. */
  ObservedEntries build(JavaRDD<EntryBlock> blocks, long count, int parallelism) {
    return resolve(count) == LOCAL
        ? new LocalObservedEntries(new ArrayList<>(blocks.collect()), localThreads(count, parallelism))
        : new SparkObservedEntries(blocks.getNumPartitions() == parallelism
            ? blocks : blocks.repartition(parallelism));
  }

  private static int localThreads(long entries, int parallelism) {
    return (int) Math.max(1, Math.min(parallelism, entries / MIN_ENTRIES_PER_THREAD));
  }
}
