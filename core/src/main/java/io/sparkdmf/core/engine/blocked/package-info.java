/**
 * The blocked completion engine: the outer factors live in RDD blocks and each grid cell of entries is
 * shipped only the factor vectors its entries use, as MLlib's ALS routes factors (docs/scale.md).
 * {@link io.sparkdmf.core.engine.blocked.GridEntries} lays the entries out once,
 * {@link io.sparkdmf.core.engine.blocked.CellKernel} is the per-cell kernel,
 * {@link io.sparkdmf.core.engine.blocked.BlockedGradients} one gradient pass, and
 * {@link io.sparkdmf.core.engine.blocked.BlockedCompletion} the training state the trainer drives.
 */
package io.sparkdmf.core.engine.blocked;
