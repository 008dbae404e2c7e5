/**
 * The blocked completion engine: the outer factors live in RDD blocks and each grid cell of entries is
 * shipped only the factor vectors its entries use, as MLlib's ALS routes factors (docs/scale.md).
 * {@link io.sparkdmf.core.engine.blocked.BlockedCompletion} is the training state the trainer drives.
 */
package io.sparkdmf.core.engine.blocked;
