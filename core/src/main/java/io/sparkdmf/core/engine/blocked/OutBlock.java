package io.sparkdmf.core.engine.blocked;

import java.io.Serializable;

/**
 * The "out block" of one factor block (as in MLlib's ALS): for every grid cell that needs some of
 * its vectors, the cell number and the positions of those vectors in the block, in the order the
 * cell expects them. Built once; each step ships only these vectors.
 *
 * @param cells sorted grid cells served by this block
 * @param positions for cells[k], positions in the factor block
 */
record OutBlock(int[] cells, int[][] positions) implements Serializable {}
