package io.sparkdmf.core.completion;

import org.apache.spark.api.java.JavaRDD;

/**
 * Observed entries of a rows x cols matrix: blocks in an RDD and how many entries they hold. What the
 * file readers return and what a completion fit trains on.
 */
public record EntryDataset(JavaRDD<EntryBlock> blocks, int rows, int cols, long count) {}
