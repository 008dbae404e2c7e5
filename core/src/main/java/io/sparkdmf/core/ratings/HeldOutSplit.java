package io.sparkdmf.core.ratings;

import io.sparkdmf.core.completion.EntryBlock;
import io.sparkdmf.core.completion.EntryBlockBuilder;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.storage.StorageLevel;

/**
 * Carves held-out entries out of training entries: each entry is held out when a hash of (row, column,
 * seed) falls below {@code fraction}, so the split depends neither on the partitioning nor on the order
 * of the entries, and a rerun holds out the same ones.
 */
public record HeldOutSplit(double fraction, long seed) implements java.io.Serializable {

  public HeldOutSplit {
    if (!(fraction > 0 && fraction < 1)) {
      throw new IllegalArgumentException("the held-out fraction must be in (0, 1), got " + fraction);
    }
  }

  /** The entries kept for fitting and the held-out ones, both cached. */
  public record Parts(JavaRDD<EntryBlock> fit, JavaRDD<EntryBlock> heldOut) {
    public void unpersist() {
      fit.unpersist();
      heldOut.unpersist();
    }
  }

  public Parts split(JavaRDD<EntryBlock> entries) {
    HeldOutSplit rule = this;
    return new Parts(entries.map(block -> rule.part(block, false)).persist(StorageLevel.MEMORY_AND_DISK()),
        entries.map(block -> rule.part(block, true)).persist(StorageLevel.MEMORY_AND_DISK()));
  }

  /** The entries of {@code block} that are held out ({@code heldOut}) or kept. */
  public EntryBlock part(EntryBlock block, boolean heldOut) {
    EntryBlockBuilder out = new EntryBlockBuilder();
    for (int e = 0; e < block.size(); e++) {
      if (isHeldOut(block.row(e), block.col(e)) == heldOut) {
        out.add(block.row(e), block.col(e), block.value(e));
      }
    }
    return out.build();
  }

  boolean isHeldOut(int row, int col) {
    long h = (((long) row << 32) ^ (col & 0xFFFFFFFFL)) + seed * 0x9E3779B97F4A7C15L;
    h = (h ^ (h >>> 30)) * 0xBF58476D1CE4E5B9L; // SplitMix64's finalizer: every input bit moves the output
    h = (h ^ (h >>> 27)) * 0x94D049BB133111EBL;
    h ^= h >>> 31;
    return (h >>> 11) * 0x1.0p-53 < fraction;
  }
}
