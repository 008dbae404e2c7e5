package io.sparkdmf.core.engine.blocked;

import io.sparkdmf.core.linalg.Matrix;
import java.io.Serializable;
import java.util.Comparator;
import java.util.List;

/**
 * One grid cell's sums for some vectors of a factor block (columns of {@code sums}, for the global
 * {@code ids}), on their way back to that block.
 */
record PartialSums(int cell, int[] ids, Matrix sums) implements Serializable {

  /**
   * Adds the parts into a width x blockSize matrix, vector of id i at position i / blockCount, in
   * cell order so the result does not depend on the order the shuffle delivered them in.
   */
  public static Matrix total(List<PartialSums> parts, int width, int blockSize, int blockCount) {
    parts.sort(Comparator.comparingInt(PartialSums::cell));
    double[] total = new double[width * blockSize];
    for (PartialSums part : parts) {
      double[] sums = part.sums().data();
      for (int k = 0; k < part.ids().length; k++) {
        int at = (part.ids()[k] / blockCount) * width;
        for (int c = 0; c < width; c++) {
          total[at + c] += sums[k * width + c];
        }
      }
    }
    return new Matrix(width, blockSize, total);
  }
}
