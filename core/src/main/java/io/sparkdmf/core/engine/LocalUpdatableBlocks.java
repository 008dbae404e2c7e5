package io.sparkdmf.core.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Updatable blocks held on the driver: the engine for data that fits on one machine. Blocks are worked on
 * in parallel threads (one block per thread at a time), and their contributions are merged in block
 * order afterwards, so the sums are the same whatever the number of threads.
 */
public class LocalUpdatableBlocks<B> implements UpdatableBlocks<B> {
  private final List<B> blocks;

  public LocalUpdatableBlocks(List<B> blocks) {
    this.blocks = new ArrayList<>(blocks);
  }

  @Override
  public <A> A aggregate(Contribution<B, A> contribution, Merge<A> merge) {
    List<A> parts = IntStream.range(0, blocks.size()).parallel().mapToObj(b -> contribution.of(blocks.get(b)))
        .toList();
    A total = parts.get(0);
    for (int b = 1; b < parts.size(); b++) {
      total = merge.merge(total, parts.get(b));
    }
    return total;
  }

  @Override
  public void update(Update<B> update) {
    List<B> updated = IntStream.range(0, blocks.size()).parallel().mapToObj(b -> update.apply(blocks.get(b)))
        .toList();
    blocks.clear();
    blocks.addAll(updated);
  }


  @Override
  public String engineName() {
    return "local";
  }
}
