package io.sparkdmf.core.multiview;

import io.sparkdmf.core.engine.SparkUpdatableBlocks;
import java.util.List;
import org.apache.spark.api.java.JavaSparkContext;

/** Sample blocks in an RDD, one block per partition. */
public final class SparkSampleBlocks extends SparkUpdatableBlocks<SampleBlock> implements SampleBlocks {
  private final int samples;

  public SparkSampleBlocks(JavaSparkContext sc, List<SampleBlock> blocks) {
    super(sc, blocks);
    this.samples = blocks.stream().mapToInt(SampleBlock::size).sum();
  }

  @Override
  public int samples() {
    return samples;
  }
}
