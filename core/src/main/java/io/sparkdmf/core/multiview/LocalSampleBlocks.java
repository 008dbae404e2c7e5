package io.sparkdmf.core.multiview;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Sample blocks held on the driver: the engine for data that fits on one machine. Blocks are worked on
 * in parallel threads (one block per thread at a time), and their contributions are merged in block
 * order afterwards, so the sums are the same whatever the number of threads.
 */
public final class LocalSampleBlocks implements SampleBlocks {
  private final List<SampleBlock> blocks;

  public LocalSampleBlocks(List<SampleBlock> blocks) {
    this.blocks = new ArrayList<>(blocks);
  }

  @Override
  public <A> A aggregate(Contribution<A> contribution, Merge<A> merge) {
    List<A> parts = IntStream.range(0, blocks.size()).parallel().mapToObj(b -> contribution.of(blocks.get(b)))
        .toList();
    A total = parts.get(0);
    for (int b = 1; b < parts.size(); b++) {
      total = merge.merge(total, parts.get(b));
    }
    return total;
  }

  @Override
  public void update(Update update) {
    List<SampleBlock> updated = IntStream.range(0, blocks.size()).parallel().mapToObj(b -> update.apply(blocks.get(b)))
        .toList();
    blocks.clear();
    blocks.addAll(updated);
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
