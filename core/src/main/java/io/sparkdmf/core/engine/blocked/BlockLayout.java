package io.sparkdmf.core.engine.blocked;

import java.io.Serializable;
import org.apache.spark.HashPartitioner;

/**
 * How the block engine cuts the problem: row i of the matrix belongs to row block i mod R, column j
 * to column block j mod C (balanced whatever the id order), and the observed entries of rows in
 * block r and columns in block c form grid cell g = r C + c. Factor blocks are partitioned by their
 * block number and grid cells by g, so joins between them never shuffle the side already in place.
 */
public record BlockLayout(int rowBlocks, int colBlocks) implements Serializable {

  public BlockLayout {
    if (rowBlocks < 1 || colBlocks < 1) {
      throw new IllegalArgumentException("block counts must be positive, got " + rowBlocks + " x " + colBlocks);
    }
  }

  public int rowBlock(int row) {
    return row % rowBlocks;
  }

  public int colBlock(int col) {
    return col % colBlocks;
  }

  public int cell(int rowBlock, int colBlock) {
    return rowBlock * colBlocks + colBlock;
  }

  public int cells() {
    return rowBlocks * colBlocks;
  }

  public HashPartitioner rowPartitioner() {
    return new HashPartitioner(rowBlocks);
  }

  public HashPartitioner colPartitioner() {
    return new HashPartitioner(colBlocks);
  }

  public HashPartitioner cellPartitioner() {
    return new HashPartitioner(cells());
  }
}
