package io.sparkdmf.core.engine.blocked;

import io.sparkdmf.core.linalg.Matrix;
import java.io.Serializable;

/**
 * The vectors of one block of an outer factor: rows of W_N (row side) or columns of W_1 (column
 * side), stored as the columns of a width x count matrix in the order of their sorted global
 * {@code ids}, with the optimizer's per-entry slots beside them. Treated as immutable once built:
 * an update produces a new block, so cached RDDs of earlier steps stay valid.
 */
record FactorBlock(int[] ids, Matrix vectors, double[][] slots) implements Serializable {

  public FactorBlock {
    if (vectors.cols() != ids.length) {
      throw new IllegalArgumentException(ids.length + " ids for " + vectors.cols() + " vectors");
    }
  }

  public int width() {
    return vectors.rows();
  }

  /** Where global id {@code id} sits in this block, or a negative number when absent. */
  public int position(int id) {
    return java.util.Arrays.binarySearch(ids, id);
  }

  /** A copy with the vectors at {@code positions}, as a width x positions.length matrix. */
  public static Matrix gather(Matrix vectors, int[] positions) {
    int width = vectors.rows();
    double[] out = new double[width * positions.length];
    for (int k = 0; k < positions.length; k++) {
      System.arraycopy(vectors.data(), positions[k] * width, out, k * width, width);
    }
    return new Matrix(width, positions.length, out);
  }
}
