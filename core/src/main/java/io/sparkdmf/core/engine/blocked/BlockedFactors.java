package io.sparkdmf.core.engine.blocked;

import io.sparkdmf.core.checkpoint.CheckpointException;
import io.sparkdmf.core.checkpoint.CheckpointStore;
import io.sparkdmf.core.linalg.Matrix;
import io.sparkdmf.core.model.DeepFactorization;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.io.BytesWritable;
import org.apache.hadoop.io.IntWritable;
import org.apache.hadoop.mapred.SequenceFileOutputFormat;
import org.apache.spark.Partitioner;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.storage.StorageLevel;
import scala.Tuple2;

/**
 * A deep factorization with its outer factors in RDDs: the rows of W_N in row blocks and the columns
 * of W_1 in column blocks (both keyed and partitioned by block number), and the small inner factors
 * W_2 .. W_{N-1} on the driver. Depth 1 has no such split and is not supported.
 */
final class BlockedFactors {
  static final String ROWS = "rows";
  static final String COLS = "cols";

  private final BlockLayout layout;
  private final int rows;
  private final int cols;
  final JavaPairRDD<Integer, FactorBlock> rowBlocks;
  final JavaPairRDD<Integer, FactorBlock> colBlocks;
  final List<Matrix> inner;

  BlockedFactors(BlockLayout layout, int rows, int cols, JavaPairRDD<Integer, FactorBlock> rowBlocks,
      JavaPairRDD<Integer, FactorBlock> colBlocks, List<Matrix> inner) {
    this.layout = layout;
    this.rows = rows;
    this.cols = cols;
    this.rowBlocks = rowBlocks;
    this.colBlocks = colBlocks;
    this.inner = inner;
  }

  /** Cuts a driver-held model into blocks, with zeroed optimizer slots. */
  public static BlockedFactors distribute(JavaSparkContext sc, DeepFactorization model, BlockLayout layout,
      int slotCount) {
    if (model.depth() < 2) {
      throw new IllegalArgumentException("the block engine needs depth 2 or more (depth 1 is the matrix itself)");
    }
    Matrix rowVectors = model.factor(model.depth()).transpose();
    Matrix colVectors = model.factor(1);
    List<Matrix> inner = new ArrayList<>();
    for (int k = 2; k < model.depth(); k++) {
      inner.add(model.factor(k).copy());
    }
    return new BlockedFactors(layout, model.rows(), model.cols(),
        blocks(sc, rowVectors, layout.rowBlocks(), slotCount).partitionBy(layout.rowPartitioner()),
        blocks(sc, colVectors, layout.colBlocks(), slotCount).partitionBy(layout.colPartitioner()), inner)
        .persisted();
  }

  /** Block b holds ids b, b + count, b + 2 count, ... (so id i sits at position i / count). */
  private static JavaPairRDD<Integer, FactorBlock> blocks(JavaSparkContext sc, Matrix vectors, int count,
      int slotCount) {
    List<Tuple2<Integer, FactorBlock>> blocks = new ArrayList<>(count);
    for (int b = 0; b < count; b++) {
      int size = (vectors.cols() - b + count - 1) / count;
      int[] ids = new int[size];
      for (int k = 0; k < size; k++) {
        ids[k] = b + k * count;
      }
      Matrix gathered = FactorBlock.gather(vectors, ids);
      double[][] slots = new double[slotCount][gathered.data().length];
      blocks.add(new Tuple2<>(b, new FactorBlock(ids, gathered, slots)));
    }
    return sc.parallelizePairs(blocks, count);
  }

  BlockLayout layout() {
    return layout;
  }

  int rows() {
    return rows;
  }

  int cols() {
    return cols;
  }

  /** M = W_{N-1} ... W_2, or null for depth 2 (the identity). */
  Matrix innerProduct() {
    Matrix product = null;
    for (Matrix w : inner) {
      product = product == null ? w : w.times(product);
    }
    return product;
  }

  BlockedFactors with(JavaPairRDD<Integer, FactorBlock> newRows, JavaPairRDD<Integer, FactorBlock> newCols,
      List<Matrix> newInner) {
    return new BlockedFactors(layout, rows, cols, newRows, newCols, newInner);
  }

  BlockedFactors persisted() {
    rowBlocks.persist(StorageLevel.MEMORY_AND_DISK());
    colBlocks.persist(StorageLevel.MEMORY_AND_DISK());
    return this;
  }

  void unpersist() {
    rowBlocks.unpersist(false);
    colBlocks.unpersist(false);
  }

  /** Marks both outer factors for a local checkpoint, which cuts their lineage when next computed. */
  void cutLineage() {
    rowBlocks.rdd().localCheckpoint();
    colBlocks.rdd().localCheckpoint();
  }

  /** The whole model on the driver (a copy). */
  public DeepFactorization gather() {
    List<Matrix> factors = new ArrayList<>();
    factors.add(assemble(colBlocks.values().collect(), inner.isEmpty() ? widthOf(rowBlocks) : inner.get(0).cols(), cols));
    inner.forEach(w -> factors.add(w.copy()));
    factors.add(assemble(rowBlocks.values().collect(), widthOf(rowBlocks), rows).transpose());
    return new DeepFactorization(factors);
  }

  private static int widthOf(JavaPairRDD<Integer, FactorBlock> blocks) {
    return blocks.values().first().width();
  }

  private static Matrix assemble(List<FactorBlock> blocks, int width, int count) {
    Matrix all = Matrix.zeros(width, count);
    for (FactorBlock block : blocks) {
      for (int k = 0; k < block.ids().length; k++) {
        System.arraycopy(block.vectors().data(), k * width, all.data(), block.ids()[k] * width, width);
      }
    }
    return all;
  }

  /** Writes both outer factors as sequence files of encoded blocks into a checkpoint directory. */
  void save(CheckpointStore.Directory directory) {
    write(rowBlocks, directory.path(ROWS));
    write(colBlocks, directory.path(COLS));
  }

  private static void write(JavaPairRDD<Integer, FactorBlock> blocks, String path) {
    blocks.mapToPair(t -> new Tuple2<>(new IntWritable(t._1), new BytesWritable(FactorBlockCodec.encode(t._2))))
        .saveAsHadoopFile(path, IntWritable.class, BytesWritable.class, SequenceFileOutputFormat.class);
  }

  /** These factors with their outer blocks read back from checkpoint {@code step}: their lineage starts there. */
  BlockedFactors reload(JavaSparkContext sc, CheckpointStore store, int step, List<Matrix> newInner) {
    return with(read(sc, store.path(step, ROWS), layout.rowPartitioner()),
        read(sc, store.path(step, COLS), layout.colPartitioner()), newInner);
  }

  /** The blocks in {@code path}, partitioned and cached; counting them reads the files once and validates them. */
  private static JavaPairRDD<Integer, FactorBlock> read(JavaSparkContext sc, String path, Partitioner partitioner) {
    int expectedBlocks = partitioner.numPartitions();
    try {
      Path success = new Path(path, "_SUCCESS");
      if (!success.getFileSystem(sc.hadoopConfiguration()).exists(success)) {
        throw new CheckpointException(path + " is incomplete (no _SUCCESS marker)");
      }
    } catch (IOException e) {
      throw new CheckpointException(path + " cannot be read: " + e.getMessage(), e);
    }
    JavaPairRDD<Integer, FactorBlock> blocks = sc.sequenceFile(path, IntWritable.class, BytesWritable.class)
        .mapToPair(t -> new Tuple2<>(t._1.get(), FactorBlockCodec.decode(t._2.copyBytes(), path)))
        .partitionBy(partitioner)
        .persist(StorageLevel.MEMORY_AND_DISK());
    long found = blocks.keys().distinct().count();
    if (found != expectedBlocks) {
      blocks.unpersist(false);
      throw new CheckpointException(path + " holds " + found + " factor blocks, expected " + expectedBlocks
          + "; was it written with another number of partitions?");
    }
    return blocks;
  }
}
