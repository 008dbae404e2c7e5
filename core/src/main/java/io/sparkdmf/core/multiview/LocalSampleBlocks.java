package io.sparkdmf.core.multiview;

import java.util.ArrayList;
import java.util.List;

/** Sample blocks held on the driver, folded in order by one thread: the engine for small data. */
public final class LocalSampleBlocks implements SampleBlocks {
  private final List<SampleBlock> blocks;

  public LocalSampleBlocks(List<SampleBlock> blocks) {
    this.blocks = new ArrayList<>(blocks);
  }

  @Override
  public <A> A aggregate(Contribution<A> contribution, Merge<A> merge) {
    A total = contribution.of(blocks.get(0));
    for (int b = 1; b < blocks.size(); b++) {
      total = merge.merge(total, contribution.of(blocks.get(b)));
    }
    return total;
  }

  @Override
  public void update(Update update) {
    blocks.replaceAll(update::apply);
  }

  @Override
  public int samples() {
    return blocks.stream().mapToInt(SampleBlock::size).sum();
  }

  @Override
  public String engineName() {
    return "local";
  }
}
