package io.sparkdmf.core.objective;

import io.sparkdmf.core.engine.DistributedBlocks;

/** An objective over blocks of data held by an engine: the bookkeeping every such objective shares. */
public abstract class BlockObjective<B> implements Objective {
  protected final DistributedBlocks<B> blocks;
  private final long size;

  protected BlockObjective(DistributedBlocks<B> blocks, long size) {
    this.blocks = blocks;
    this.size = size;
  }

  @Override
  public long size() {
    return size;
  }

  @Override
  public String engineName() {
    return blocks.engineName();
  }

  @Override
  public void close() {
    blocks.close();
  }
}
