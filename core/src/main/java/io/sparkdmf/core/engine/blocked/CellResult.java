package io.sparkdmf.core.engine.blocked;

import io.sparkdmf.core.linalg.Matrix;
import java.io.Serializable;

/**
 * What one grid cell computes in a step ({@link CellKernel}): the squared sum of its residuals and
 * the unscaled sums a_i = sum_j r_ij v_j (for its rows) and b_j = sum_i r_ij u~_i (for its columns),
 * which go back to the row and column blocks.
 */
public record CellResult(int cell, double squaredResiduals, int[] rowIds, Matrix rowSums, int[] colIds,
    Matrix colSums) implements Serializable {}
