package io.sparkdmf.core.completion;

import io.sparkdmf.core.engine.BlockKernel;

/** A pass over entry blocks that sums into a {@link CompletionPartial}: the empty buffer and the merge. */
abstract class CompletionPartialKernel<P> implements BlockKernel<P, EntryBlock, CompletionPartial> {
  private static final long serialVersionUID = 1L;

  @Override
  public final CompletionPartial zero() {
    return new CompletionPartial();
  }

  @Override
  public final CompletionPartial merge(CompletionPartial into, CompletionPartial other) {
    return into.merge(other);
  }
}
