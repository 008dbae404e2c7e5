package io.sparkdmf.core.engine.blocked;

import io.sparkdmf.core.completion.EntryBlock;
import io.sparkdmf.core.linalg.Matrix;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.storage.StorageLevel;
import scala.Tuple2;

/**
 * The observed entries laid out for the block engine, built once per fit and cached: the entries cut
 * into grid cells, each factor block's {@link OutBlock} (which of its vectors every cell needs) and
 * each factor block's entry shares n_i / |Omega| (for the {@link io.sparkdmf.core.penalty.FactorPenalty}).
 */
final class GridEntries implements AutoCloseable {
  final BlockLayout layout;
  final long observed;
  final JavaPairRDD<Integer, GridBlock> cells;
  private final JavaPairRDD<Integer, OutBlock> rowOutBlocks;
  private final JavaPairRDD<Integer, OutBlock> colOutBlocks;
  private final JavaPairRDD<Integer, double[]> rowShares;
  private final JavaPairRDD<Integer, double[]> colShares;

  /** @param entries the observed entries of a rows x cols matrix, any partitioning */
  GridEntries(JavaRDD<EntryBlock> entries, long observed, BlockLayout layout, int rows, int cols) {
    this.layout = layout;
    this.observed = observed;
    this.cells = entries
        .flatMapToPair(block -> splitByCell(block, layout).iterator())
        .groupByKey(layout.cellPartitioner())
        .mapValues(pieces -> GridBlock.of(EntryBlock.concat(list(pieces))))
        .persist(StorageLevel.MEMORY_AND_DISK());
    this.rowOutBlocks = buildOutBlocks(GridSide.ROWS);
    this.colOutBlocks = buildOutBlocks(GridSide.COLUMNS);
    this.rowShares = buildShares(GridSide.ROWS, rows);
    this.colShares = buildShares(GridSide.COLUMNS, cols);
  }

  JavaPairRDD<Integer, OutBlock> outBlocks(GridSide side) {
    return side == GridSide.ROWS ? rowOutBlocks : colOutBlocks;
  }

  JavaPairRDD<Integer, double[]> shares(GridSide side) {
    return side == GridSide.ROWS ? rowShares : colShares;
  }

  private static List<Tuple2<Integer, EntryBlock>> splitByCell(EntryBlock block, BlockLayout layout) {
    Map<Integer, List<Integer>> byCell = new HashMap<>();
    for (int e = 0; e < block.size(); e++) {
      int cell = layout.cell(layout.rowBlock(block.row(e)), layout.colBlock(block.col(e)));
      byCell.computeIfAbsent(cell, c -> new ArrayList<>()).add(e);
    }
    List<Tuple2<Integer, EntryBlock>> pieces = new ArrayList<>(byCell.size());
    byCell.forEach((cell, members) -> {
      int[] r = new int[members.size()];
      int[] c = new int[members.size()];
      double[] v = new double[members.size()];
      for (int k = 0; k < r.length; k++) {
        int e = members.get(k);
        r[k] = block.row(e);
        c[k] = block.col(e);
        v[k] = block.value(e);
      }
      pieces.add(new Tuple2<>(cell, new EntryBlock(r, c, v)));
    });
    return pieces;
  }

  /** For every factor block on {@code side}, which of its vectors each cell needs (id i sits at i / blocks). */
  private JavaPairRDD<Integer, OutBlock> buildOutBlocks(GridSide side) {
    BlockLayout layout = this.layout;
    int blocks = side.blocks(layout);
    return cells
        .mapToPair(t -> {
          int[] ids = side.ids(t._2);
          int[] positions = new int[ids.length];
          for (int k = 0; k < ids.length; k++) {
            positions[k] = ids[k] / blocks;
          }
          return new Tuple2<>(side.blockOf(t._1, layout), new Tuple2<>(t._1, positions));
        })
        .groupByKey(side.partitioner(layout))
        .mapValues(targets -> {
          List<Tuple2<Integer, int[]>> list = list(targets);
          list.sort((a, b) -> Integer.compare(a._1, b._1));
          return new OutBlock(list.stream().mapToInt(Tuple2::_1).toArray(),
              list.stream().map(Tuple2::_2).toArray(int[][]::new));
        })
        .persist(StorageLevel.MEMORY_AND_DISK());
  }

  /** Each factor block's n_i / |Omega| on {@code side} ({@code ids} vectors in all), from every cell's counts. */
  private JavaPairRDD<Integer, double[]> buildShares(GridSide side, int ids) {
    BlockLayout layout = this.layout;
    long observed = this.observed;
    int blocks = side.blocks(layout);
    return cells
        .mapToPair(t -> {
          int[] cellIds = side.ids(t._2);
          double[] counts = new double[cellIds.length];
          for (int local : side.localIds(t._2)) {
            counts[local]++;
          }
          return new Tuple2<>(side.blockOf(t._1, layout),
              new PartialSums(t._1, cellIds, new Matrix(1, cellIds.length, counts)));
        })
        .groupByKey(side.partitioner(layout))
        .mapToPair(t -> {
          double[] share = PartialSums.total(list(t._2), 1, (ids - t._1 + blocks - 1) / blocks, blocks).data();
          for (int k = 0; k < share.length; k++) {
            share[k] /= observed;
          }
          return new Tuple2<>(t._1, share);
        })
        .persist(StorageLevel.MEMORY_AND_DISK());
  }

  static <T> List<T> list(Iterable<T> values) {
    List<T> list = new ArrayList<>();
    values.forEach(list::add);
    return list;
  }

  @Override
  public void close() {
    cells.unpersist(false);
    rowOutBlocks.unpersist(false);
    colOutBlocks.unpersist(false);
    rowShares.unpersist(false);
    colShares.unpersist(false);
  }
}
