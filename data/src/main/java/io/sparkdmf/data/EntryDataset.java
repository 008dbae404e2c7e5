package io.sparkdmf.data;

import io.sparkdmf.core.completion.EntryBlock;
import org.apache.spark.api.java.JavaRDD;

/** Validated entries read from files: blocks in an RDD, the matrix size and the number of entries. */
public record EntryDataset(JavaRDD<EntryBlock> blocks, int rows, int cols, long count) {}
