/**
 * The engine layer: where blocks of data live and how a kernel's per-block results are summed. {@link
 * io.sparkdmf.core.engine.BlockKernel} (zero, accumulate, merge) runs over {@link
 * io.sparkdmf.core.engine.LocalBlocks} (driver threads) or {@link io.sparkdmf.core.engine.SparkBlocks}
 * (a cached RDD, merged in partition order by {@link io.sparkdmf.core.engine.OrderedAggregation});
 * {@link io.sparkdmf.core.engine.EngineChoice} picks one from the sizes.
 */
package io.sparkdmf.core.engine;
