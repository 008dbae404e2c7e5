package io.sparkdmf.core.engine.blocked;

import org.apache.spark.HashPartitioner;

/**
 * The two sides of the block grid: row blocks hold rows of W_N (one per matrix row), column blocks
 * columns of W_1 (one per matrix column). Grid cell g lies in row block g / C and column block g mod C.
 */
enum GridSide {
  ROWS, COLUMNS;

  int blocks(BlockLayout layout) {
    return this == ROWS ? layout.rowBlocks() : layout.colBlocks();
  }

  /** The factor block on this side that grid cell {@code cell} draws from. */
  int blockOf(int cell, BlockLayout layout) {
    return this == ROWS ? cell / layout.colBlocks() : cell % layout.colBlocks();
  }

  HashPartitioner partitioner(BlockLayout layout) {
    return this == ROWS ? layout.rowPartitioner() : layout.colPartitioner();
  }

  /** The cell's sorted distinct global ids on this side. */
  int[] ids(GridBlock cell) {
    return this == ROWS ? cell.rowIds() : cell.colIds();
  }

  /** For each entry of the cell, its position in {@link #ids}. */
  int[] localIds(GridBlock cell) {
    return this == ROWS ? cell.localRow() : cell.localCol();
  }
}
