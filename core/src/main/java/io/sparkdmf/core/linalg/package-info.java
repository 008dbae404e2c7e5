/**
 * Dense and sparse linear algebra on dev.ludovic.netlib: {@link io.sparkdmf.core.linalg.Matrix}
 * (column-major), {@link io.sparkdmf.core.linalg.SparseMatrix} (compressed columns), both a {@link
 * io.sparkdmf.core.linalg.DataMatrix}; {@link io.sparkdmf.core.linalg.Blas}, {@link
 * io.sparkdmf.core.linalg.Decompositions} and the rounding bounds of {@link
 * io.sparkdmf.core.linalg.Rounding}.
 */
package io.sparkdmf.core.linalg;
