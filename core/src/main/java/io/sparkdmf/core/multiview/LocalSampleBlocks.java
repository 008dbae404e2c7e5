package io.sparkdmf.core.multiview;

import io.sparkdmf.core.engine.LocalUpdatableBlocks;
import java.util.List;

/** Sample blocks held on the driver. */
public final class LocalSampleBlocks extends LocalUpdatableBlocks<SampleBlock> implements SampleBlocks {
  private final int samples;

  public LocalSampleBlocks(List<SampleBlock> blocks) {
    super(blocks);
    this.samples = blocks.stream().mapToInt(SampleBlock::size).sum();
  }

  @Override
  public int samples() {
    return samples;
  }
}
