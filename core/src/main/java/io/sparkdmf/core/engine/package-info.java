/**
 * The engine layer: where blocks of data live and how per-block results are summed.
 * <ul>
 *   <li>Read-only training data: {@link io.sparkdmf.core.engine.BlockKernel} (zero, accumulate, merge)
 *       runs over {@link io.sparkdmf.core.engine.LocalBlocks} (driver threads) or
 *       {@link io.sparkdmf.core.engine.SparkBlocks} (a cached RDD, merged in partition order by
 *       {@link io.sparkdmf.core.engine.OrderedAggregation}); {@link io.sparkdmf.core.engine.EngineChoice}
 *       picks one from the sizes.</li>
 *   <li>Blocks that are also state (the multi-view samples with their factors):
 *       {@link io.sparkdmf.core.engine.UpdatableBlocks}, on the driver or in an RDD.</li>
 *   <li>Factors too large to broadcast: the block engine in {@code engine.blocked}; completion's
 *       engine choice in {@code engine.completion}.</li>
 * </ul>
 */
package io.sparkdmf.core.engine;
