package io.sparkdmf.core.multiview;

import io.sparkdmf.core.engine.UpdatableBlocks;

/**
 * The samples of every view, cut into {@link SampleBlock}s that hold each sample's data and its
 * per-view factors: {@link LocalSampleBlocks} on the driver, {@link SparkSampleBlocks} in an RDD.
 */
public interface SampleBlocks extends UpdatableBlocks<SampleBlock> {

  /** The number of samples over all blocks. */
  int samples();
}
